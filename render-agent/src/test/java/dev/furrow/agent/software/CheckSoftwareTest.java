package dev.furrow.agent.software;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.MasterHttp;
import dev.furrow.messages.Json;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/check_software on the real agent: discovery code from a test master, real commands, reports back. */
class CheckSoftwareTest {

    @TempDir
    Path dir;

    @Test
    void runsTheDiscoveryCommandAndTellsTheMasterWhetherTheVersionIsInstalled() throws Exception {
        try (MasterHttp master = new MasterHttp()) {
            String blenderCode = """
                    {"command": ["sh", "-c", "echo 'Blender 2.72 (sub 0)'; echo '  build date: 2014-10-21' >&2"],
                     "regex": "^Blender {version} "}""";
            master.serve("/software/Blender/versions/2.72/code", blenderCode.getBytes(StandardCharsets.UTF_8));
            master.serve("/software/Blender/versions/2.7/code", blenderCode.getBytes(StandardCharsets.UTF_8));
            master.serve("/software/Nuke/versions/11/code", """
                    {"command": ["sh", "-c", "exit 3"]}""".getBytes(StandardCharsets.UTF_8));
            master.serve("/software/Maya/versions/2024/code", "return true;".getBytes(StandardCharsets.UTF_8));
            try (AgentProcess agent = AgentProcess.start(List.of(), List.of("--master-api", master.apiUrl(),
                    "--agent-id-file", dir.resolve("uuid.dat").toString(), "--pidfile", dir.resolve("agent.pid").toString(),
                    "--task-log-dir", dir.resolve("logs").toString(), "--spool-dir", dir.resolve("spool").toString()),
                    Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", TestBroker.freshNamespace()),
                    AgentProcess.freePort(), dir)) {
                String id = Json.mapper().readTree(agent.get("/status").body()).get("agent_id").asText();

                HttpResponse<String> installed = agent.post("/check_software", "{\"software\": \"Blender\", \"version\": \"2.72\"}");
                assertThat(installed.statusCode()).as(installed.body()).isEqualTo(202);
                awaitCall(master, "POST /agents/" + id + "/software/ ");
                assertThat(master.calls()).filteredOn(call -> call.startsWith("POST /agents/" + id + "/software/"))
                        .anySatisfy(call -> assertThat(Json.mapper().readTree(call.substring(call.indexOf('{'))))
                        .isEqualTo(Json.mapper().readTree("{\"software\": \"Blender\", \"version\": \"2.72\"}")));

                assertThat(agent.post("/check_software", "{\"software\": \"Blender\", \"version\": \"2.7\"}").statusCode())
                        .as("2.7 is quoted in the regex, so 2.72's output does not match it").isEqualTo(202);
                awaitCall(master, "DELETE /agents/" + id + "/software/Blender/versions/2.7 ");
                assertThat(agent.post("/check_software", "{\"software\": \"Nuke\", \"version\": \"11\"}").statusCode()).isEqualTo(202);
                awaitCall(master, "DELETE /agents/" + id + "/software/Nuke/versions/11 ");
                assertThat(master.calls()).filteredOn(call -> call.startsWith("POST /agents/" + id + "/software/")).hasSize(1);

                HttpResponse<String> unknown = agent.post("/check_software", "{\"software\": \"Houdini\", \"version\": \"20\"}");
                assertThat(unknown.statusCode()).isEqualTo(502);
                assertThat(unknown.body()).contains("answered 404");
                HttpResponse<String> notJson = agent.post("/check_software", "{\"software\": \"Maya\", \"version\": \"2024\"}");
                assertThat(notJson.statusCode()).isEqualTo(502);
                assertThat(notJson.body()).contains("the discovery code is not JSON");
                assertThat(agent.post("/check_software", "{\"software\": \"Maya\"}").statusCode()).isEqualTo(400);
            }
        }
    }

    private static void awaitCall(MasterHttp master, String prefix) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (master.calls().stream().anyMatch(call -> call.startsWith(prefix))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the master got no '" + prefix + "...' call; it got " + master.calls());
    }
}
