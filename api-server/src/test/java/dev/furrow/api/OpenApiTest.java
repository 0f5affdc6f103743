package dev.furrow.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/openapi.yml: the OpenAPI document generated from the controllers. */
class OpenApiTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    /** The methods of each path of the document's {@code paths:} section (paths indented 2, methods 4). */
    static Map<String, List<String>> paths(String yaml) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        boolean inPaths = false;
        List<String> methods = null;
        for (String line : yaml.split("\n")) {
            if (!line.startsWith(" ")) {
                inPaths = line.equals("paths:");
            } else if (inPaths && line.matches("  /\\S*:")) {
                methods = new ArrayList<>();
                paths.put(line.substring(2, line.length() - 1), methods);
            } else if (inPaths && methods != null && line.matches("    (get|post|put|delete):")) {
                methods.add(line.trim().replace(":", ""));
            }
        }
        return paths;
    }

    @Test
    void theGeneratedDocumentListsTheRoutes() {
        ApiServer.Reply reply = api.get("/api/v1/openapi.yml");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/yaml");
        assertThat(reply.body()).startsWith("openapi: 3.");
        Map<String, List<String>> paths = paths(reply.body());
        assertThat(paths).containsKeys("/api/v1/jobs", "/api/v1/jobs/{job}", "/api/v1/jobs/{job}/tasks/{task}",
                "/api/v1/jobs/{job}/tasks/{task}/attempts/{attempt}/logs/{identifier}/logfile",
                "/api/v1/jobtypes/{jobtype}/versions/{version}/code", "/api/v1/agents/updates/{version}",
                "/api/v1/limits/{limit}", "/api/v1/jobs/{job}/rerun_failed", "/api/v1/jobs/{job}/tasks/{task}/rerun",
                "/api/v1/jobqueues", "/api/v1/pathmaps/{pathmap}");
        assertThat(paths.get("/api/v1/jobs")).contains("get", "post");
        assertThat(paths.get("/api/v1/jobs/{job}")).contains("get", "post", "delete");
        assertThat(paths.get("/api/v1/agents/updates/{version}")).contains("get", "put");
    }
}
