package dev.furrow.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A 100,000-frame job is accepted quickly: its tasks go in as batched inserts in one transaction. */
class LargeJobTest {

    static ApiServer api;

    @BeforeAll
    static void start() {
        api = ApiServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aHundredThousandFrameJobIsAcceptedInUnderTwoSeconds() throws Exception {
        // warm up the code paths once so the measurement is the insert, not class loading
        api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "warm-up", "jobtype", "command", "start", 1, "end", 10)));

        // best of three: the build machine is shared, one slow run is noise, three are a regression
        ApiServer.Reply reply = null;
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3 && best >= 2000; run++) {
            long started = System.nanoTime();
            reply = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "big", "jobtype", "command", "start", 1, "end", 100_000)));
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        assertThat(best).as("milliseconds to accept 100,000 frames").isLessThan(2000);
        try (var c = api.database.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(frame), MAX(frame) FROM tasks WHERE job_id = "
                     + reply.json().get("id").asLong())) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(100_000);
            assertThat(rows.getDouble(2)).isEqualTo(1.0);
            assertThat(rows.getDouble(3)).isEqualTo(100_000.0);
        }
    }
}
