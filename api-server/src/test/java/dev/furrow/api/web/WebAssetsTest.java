package dev.furrow.api.web;

import dev.furrow.api.ApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The web UI's files as HTTP serves them: the page at /, its scripts and style under /ui/, nothing else. */
class WebAssetsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    @Test
    void theRootServesThePageThatLoadsTheUi() {
        ApiServer.Reply page = api.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Furrow</title>", "src=\"/ui/app.js\"", "href=\"/ui/furrow.css\"");
    }

    @Test
    void scriptsAndTheStyleSheetAreServedWithTheirTypes() {
        ApiServer.Reply script = api.get("/ui/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(script.body()).contains("import { jobsView } from \"./jobs.js\"");

        ApiServer.Reply style = api.get("/ui/furrow.css");
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.contentType()).startsWith("text/css");
    }

    @Test
    void namesOutsideTheUiFilesAreNotFound() {
        for (String path : new String[]{"/ui/missing.js", "/ui/..%2Fapplication.yml", "/ui/index.html",
                "/ui/app.js.map", "/ui/%2e%2e%2fweb%2findex.html"}) {
            ApiServer.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().get("error").asText()).as(path).isNotBlank();
        }
    }
}
