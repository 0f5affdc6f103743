package dev.furrow.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class WebPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    @Test
    void theRootServesThePageThatWatchesJobsAndAgentsThroughTheApi() {
        ApiServer.Reply page = api.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Furrow</title>", "\"/api/v1\"", "/jobs/", "/agents/", "/logfile");
    }
}
