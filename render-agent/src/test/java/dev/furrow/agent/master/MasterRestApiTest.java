package dev.furrow.agent.master;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.agent.testsupport.MasterHttp;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real agent and the master's REST API (a test stand-in): the registration that refuses an agent of another
 * farm, the software checked at start, re-announcements, and the master's path maps applied to task commands.
 */
class MasterRestApiTest {

    @TempDir
    Path dir;

    @Test
    void anAgentTheMasterRefusesDoesNotStart() throws Exception {
        try (MasterHttp master = new MasterHttp()) {
            master.answer("POST", "/agents/", 400, "{\"error\": \"this master serves farm 'blue', not 'red'\"}");
            AgentProcess.ProcessResult refused = AgentProcess.run(List.of("start", "--no-daemon", "--farm-name", "red",
                    "--master-api", master.apiUrl(), "--port", Integer.toString(AgentProcess.freePort()),
                    "--agent-id-file", dir.resolve("uuid.dat").toString(), "--pidfile", dir.resolve("agent.pid").toString()),
                    Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", TestBroker.freshNamespace()), dir);

            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(78);
            assertThat(refused.output()).contains("refuses this agent: this master serves farm 'blue', not 'red' "
                    + "(farm_name red); fix --farm-name or the master's");
            assertThat(dir.resolve("agent.pid")).doesNotExist();
        }
    }

    @Test
    void checksSoftwareAtStartReannouncesAndMapsPathsTheMasterKeeps() throws Exception {
        String namespace = TestBroker.freshNamespace();
        UUID id = UUID.randomUUID();
        try (MasterHttp master = new MasterHttp(); FakeMaster broker = new FakeMaster(TestBroker.url(), namespace)) {
            master.serve("/software/", bytes("""
                    [{"id": 1, "software": "Blender", "versions": [{"version": "2.72", "id": 1, "rank": 100},
                                                                  {"version": "3.0", "id": 2, "rank": 200}]}]"""));
            master.serve("/software/Blender/versions/2.72/code", bytes("{\"command\": [\"true\"]}"));
            master.serve("/pathmaps/", bytes("""
                    [{"id": 1, "path_linux": "/mnt/projects", "path_windows": "P:/projects", "path_osx": "/Volumes/projects", "tag": null}]"""));
            try (AgentProcess agent = AgentProcess.start(List.of(), List.of("--agent-id", id.toString(),
                    "--farm-name", "blue", "--master-api", master.apiUrl(), "--master-reannounce", "1",
                    "--pidfile", dir.resolve("agent.pid").toString(), "--task-log-dir", dir.resolve("logs").toString(),
                    "--spool-dir", dir.resolve("spool").toString()),
                    Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace),
                    AgentProcess.freePort(), dir)) {
                broker.await(AgentAnnounced.class, a -> a.agentId().equals(id));
                JsonNode registration = body(awaitCall(master, call -> call.startsWith("POST /agents/ ")));
                assertThat(registration.get("id").asText()).isEqualTo(id.toString());
                assertThat(registration.get("farm_name").asText()).isEqualTo("blue");
                assertThat(registration.has("state")).as("the broker reports the state").isFalse();

                String installed = awaitCall(master, call -> call.startsWith("POST /agents/" + id + "/software/ "));
                assertThat(body(installed)).isEqualTo(Json.mapper().readTree("{\"software\": \"Blender\", \"version\": \"2.72\"}"));
                assertThat(master.calls()).as("3.0 has no discovery code, so it is not the agent's to judge")
                        .noneMatch(call -> call.contains("/agents/" + id + "/software/") && call.contains("3.0"));

                assertThat(master.calls()).contains("GET /pathmaps/?for_agent=" + id + " ");
                assertThat(runEcho(broker, id, 1, "P:/projects/sh010/a.exr", "/Volumes/projects/sh010/b.exr"))
                        .contains(",mapped /mnt/projects/sh010/a.exr /mnt/projects/sh010/b.exr\n");

                master.serve("/pathmaps/", bytes("""
                        [{"id": 2, "path_linux": "/srv/renders", "path_windows": "R:/renders", "path_osx": "/Volumes/renders", "tag": null}]"""));
                long fetchesBefore = count(master, "GET /pathmaps/");
                awaitCall(master, call -> count(master, "GET /pathmaps/") >= fetchesBefore + 2);
                assertThat(runEcho(broker, id, 2, "R:/renders/out.exr", "P:/projects/old.exr"))
                        .as("the master's new maps replace the old ones").contains(",mapped /srv/renders/out.exr P:/projects/old.exr\n");
                assertThat(count(master, "POST /agents/ ")).as("registered, then re-announced every second").isGreaterThanOrEqualTo(3);
            }
        }
    }

    /** Runs {@code echo mapped <a> <b>} as a task and returns its log. */
    private static String runEcho(FakeMaster broker, UUID agentId, long taskId, String a, String b) throws Exception {
        JsonNode data = Json.mapper().valueToTree(Map.of("command", List.of("sh", "-c", "echo mapped $1 $2", "sh", a, b)));
        broker.send(agentId, new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(taskId, "echo", "tester", "command", 1,
                data, Map.of(), 1, 1, 16, null, null), List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));
        TaskReported done = broker.await(TaskReported.class, r -> r.taskId() == taskId
                && (r.state() == WorkState.DONE || r.state() == WorkState.FAILED));
        assertThat(done.state()).as(done.lastError()).isEqualTo(WorkState.DONE);
        return broker.wholeLog(taskId);
    }

    private static String awaitCall(MasterHttp master, Predicate<String> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (String call : master.calls()) {
                if (wanted.test(call)) {
                    return call;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the master got no call as expected; it got " + master.calls());
    }

    private static long count(MasterHttp master, String prefix) {
        return master.calls().stream().filter(call -> call.startsWith(prefix)).count();
    }

    private static JsonNode body(String call) throws Exception {
        return Json.mapper().readTree(call.substring(call.indexOf('{')));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
