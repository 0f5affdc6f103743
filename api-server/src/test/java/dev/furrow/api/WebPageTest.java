package dev.furrow.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebPageTest {

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
    void theRootServesThePageThatWatchesJobsAndAgentsThroughTheApi() {
        ApiServer.Reply page = api.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Furrow</title>", "\"/api/v1\"", "/jobs/", "/agents/", "/logfile");
    }
}
