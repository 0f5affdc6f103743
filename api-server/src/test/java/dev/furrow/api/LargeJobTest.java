package dev.furrow.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A 100,000-frame job is accepted whole: every task is created in the job's transaction. */
class LargeJobTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    @Test
    void aHundredThousandFrameJobGetsEveryTaskInOneRequest() throws Exception {
        // How fast this is belongs to the benchmark (make bench, BENCHMARKS.md), not to a timed test.
        ApiServer.Reply reply = api.post("/api/v1/jobs/",
                ApiServer.json(Map.of("title", "big", "jobtype", "command", "start", 1, "end", 100_000)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        try (var c = api.database().connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(frame), MAX(frame) FROM tasks WHERE job_id = "
                     + reply.json().get("id").asLong())) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(100_000);
            assertThat(rows.getDouble(2)).isEqualTo(1.0);
            assertThat(rows.getDouble(3)).isEqualTo(100_000.0);
        }
    }
}
