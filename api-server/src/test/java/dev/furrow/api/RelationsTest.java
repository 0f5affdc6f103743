package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.JobChanged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What hangs off jobs and agents: notified users, failed-on agents, an agent's software and tasks. */
class RelationsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass().listeningToJobEvents();

    @BeforeAll
    static void createUsers() throws Exception {
        try (var c = api.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (username, email) VALUES ('testuser', 'testuser@example.com')");
        }
    }

    static long job() {
        return api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "relations", "jobtype", "command", "start", 1, "end", 2)))
                .json().get("id").asLong();
    }

    static long firstTask(long job) {
        return api.get("/api/v1/jobs/" + job + "/tasks/").json().get(0).get("id").asLong();
    }

    static String agent(String hostname) {
        String id = UUID.randomUUID().toString();
        assertThat(api.post("/api/v1/agents/", ApiServer.json(Map.of("id", id, "hostname", hostname, "port", 50000,
                "cpus", 2, "ram", 2048, "free_ram", 1024))).status()).isEqualTo(201);
        return id;
    }

    @Test
    void usersAreNotifiedPerJob() {
        long job = job();
        String users = "/api/v1/jobs/" + job + "/notified_users/";
        ApiServer.Reply added = api.post(users, "{\"username\": \"testuser\", \"on_deletion\": true}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("email").asText()).isEqualTo("testuser@example.com");
        JsonNode listed = api.get(users).json();
        assertThat(listed.get(0).get("on_deletion").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/jobs/" + job).json().get("notified_users").get(0).get("username").asText()).isEqualTo("testuser");
        assertThat(api.post(users, "{\"username\": \"testuser\", \"on_deletion\": false}").status()).isEqualTo(200);
        assertThat(api.post(users, "{\"username\": \"ghost\"}").status()).isEqualTo(404);
        assertThat(api.delete(users + "testuser").status()).isEqualTo(204);
        assertThat(api.get(users).json()).isEmpty();
        assertThat(api.delete(users + "ghost").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/999999/notified_users/").status()).isEqualTo(404);
    }

    @Test
    void agentsATaskFailedOnAreListedAndCanBeForgiven() {
        long job = job();
        long task = firstTask(job);
        String agent = agent("flaky");
        String failed = "/api/v1/jobs/" + job + "/tasks/" + task + "/failed_on_agents/";
        ApiServer.Reply added = api.post(failed, "{\"id\": \"" + agent + "\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("hostname").asText()).isEqualTo("flaky");
        assertThat(api.get(failed).json().findValuesAsText("id")).containsExactly(agent);
        assertThat(api.delete(failed + agent).status()).isEqualTo(204);
        assertThat(api.get(failed).json()).isEmpty();
        assertThat(api.post(failed, "{\"id\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/" + job + "/tasks/999999/failed_on_agents/").status()).isEqualTo(404);
    }

    @Test
    void aTaskFailingOnAnAgentIsRecordedAgainstIt() {
        long job = job();
        long task = firstTask(job);
        String agent = agent("crashy");
        String path = "/api/v1/jobs/" + job + "/tasks/" + task;
        api.post(path, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        JsonNode tasks = api.get("/api/v1/agents/" + agent + "/tasks/").json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("id").asLong()).isEqualTo(task);
        assertThat(tasks.get(0).get("job").get("id").asLong()).isEqualTo(job);
        api.post(path, "{\"state\": \"failed\"}");
        assertThat(api.get(path + "/failed_on_agents/").json().findValuesAsText("id")).containsExactly(agent);
    }

    @Test
    void anAgentsSoftwareIsMarkedAndUnmarked() {
        String agent = agent("dcc");
        api.post("/api/v1/software/", "{\"software\": \"Blender\", \"versions\": [{\"version\": \"4.2\"}]}");
        String software = "/api/v1/agents/" + agent + "/software/";
        ApiServer.Reply added = api.post(software, "{\"software\": \"Blender\", \"version\": \"4.2\"}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(api.get(software).json().get(0).get("version").asText()).isEqualTo("4.2");
        assertThat(api.post(software, "{\"software\": \"Blender\", \"version\": \"9\"}").status()).isEqualTo(404);
        assertThat(api.post(software, "{\"software\": \"Blender\"}").status()).isEqualTo(400);
        assertThat(api.delete(software + "Blender/versions/4.2").status()).isEqualTo(204);
        assertThat(api.get(software).json()).isEmpty();
        assertThat(api.get("/api/v1/agents/" + UUID.randomUUID() + "/software/").status()).isEqualTo(404);
    }

    @Test
    void anAgentIsUpdatedByIdAndDeletingItRequeuesItsTasks() throws Exception {
        String agent = agent("doomed");
        ApiServer.Reply updated = api.post("/api/v1/agents/" + agent, "{\"ram\": 1234}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("ram").asInt()).isEqualTo(1234);
        assertThat(api.post("/api/v1/agents/" + UUID.randomUUID(), "{\"ram\": 1234}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/agents/" + agent, "{\"id\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(400);

        long job = job();
        api.jobEvents().next(job);
        long task = firstTask(job);
        api.post("/api/v1/jobs/" + job + "/tasks/" + task, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        assertThat(api.delete("/api/v1/agents/" + agent).status()).isEqualTo(204);
        JsonNode requeued = api.get("/api/v1/jobs/" + job + "/tasks/" + task).json();
        assertThat(requeued.get("state").asText()).isEqualTo("queued");
        assertThat(requeued.get("agent_id").isNull()).isTrue();
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.UPDATED);
        assertThat(api.get("/api/v1/agents/" + agent).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/agents/" + agent).status()).isEqualTo(204);
    }
}
