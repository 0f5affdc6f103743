package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.JobChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/agents/<id>/tasks/: PyFarm's "assign an existing task to the agent", as a pin the scheduler delivers. */
class AgentTaskAssignmentTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass().listeningToJobEvents();

    record Pin(String agentId, boolean sent, String assignmentId, String state) {
    }

    static Pin stored(long taskId) throws Exception {
        try (Connection c = api.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT agent_id, sent_to_agent, assignment_id, state FROM tasks WHERE id = ?")) {
            s.setLong(1, taskId);
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new Pin(row.getString(1), row.getBoolean(2), row.getString(3), row.getString(4));
            }
        }
    }

    static long submit(int frames) throws Exception {
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "pin " + UUID.randomUUID(),
                "jobtype", "command", "start", 1, "end", frames)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long job = reply.json().get("id").asLong();
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.SUBMITTED);
        return job;
    }

    static long task(long job, int index) {
        return api.get("/api/v1/jobs/" + job + "/tasks/").json().get(index).get("id").asLong();
    }

    static String agent(String state) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> agent = JobTypesAndAgentsTest.agent(id, "pin-" + id.substring(0, 8));
        agent.put("state", state);
        assertThat(api.post("/api/v1/agents/", ApiServer.json(agent)).status()).isEqualTo(201);
        return id;
    }

    static ApiServer.Reply assign(String agent, Object body) {
        return api.post("/api/v1/agents/" + agent + "/tasks/", body instanceof String text ? text : ApiServer.json(body));
    }

    @Test
    void aQueuedTaskIsPinnedToTheAgentAndTheSchedulerIsTold() throws Exception {
        long job = submit(2);
        long task = task(job, 1);
        String agent = agent("online");

        ApiServer.Reply reply = assign(agent, Map.of("id", task));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode document = reply.json();
        assertThat(document.get("id").asLong()).isEqualTo(task);
        assertThat(document.get("agent_id").asText()).isEqualTo(agent);
        assertThat(document.get("agent").get("id").asText()).isEqualTo(agent);
        assertThat(document.get("state").asText()).isEqualTo("queued");
        assertThat(document.get("sent_to_agent").asBoolean()).isFalse();
        assertThat(stored(task)).isEqualTo(new Pin(agent, false, null, "queued"));

        JobChanged event = api.jobEvents().next(job);
        assertThat(event.change()).isEqualTo(JobChanged.Change.UPDATED);
        assertThat(event.taskIds()).containsExactly(task);

        JsonNode held = api.get("/api/v1/agents/" + agent + "/tasks/").json();
        assertThat(held).hasSize(1);
        assertThat(held.get(0).get("id").asLong()).isEqualTo(task);
        assertThat(assign(agent, Map.of("id", task)).status()).as("pinning again to the same agent").isEqualTo(200);
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.UPDATED);
    }

    @Test
    void aTaskAnotherAgentHoldsOrThatIsNotQueuedIsRefusedWithoutChange() throws Exception {
        long job = submit(3);
        String first = agent("online");
        String second = agent("running");
        long pinned = task(job, 0);
        assertThat(assign(first, Map.of("id", pinned)).status()).isEqualTo(200);

        ApiServer.Reply taken = assign(second, Map.of("id", pinned));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("error").asText()).contains(first);
        assertThat(stored(pinned).agentId()).isEqualTo(first);

        long done = task(job, 1);
        assertThat(api.post("/api/v1/jobs/" + job + "/tasks/" + done, "{\"state\": \"done\"}").status()).isEqualTo(200);
        assertThat(assign(second, Map.of("id", done)).status()).isEqualTo(409);
        assertThat(stored(done).agentId()).isNull();

        assertThat(api.post("/api/v1/jobs/" + job + "/pause", "").status()).isEqualTo(200);
        assertThat(assign(second, Map.of("id", task(job, 2))).status()).as("paused job").isEqualTo(409);
        assertThat(stored(task(job, 2)).agentId()).isNull();
    }

    @Test
    void disabledAndOfflineAgentsTakeNoTasks() throws Exception {
        long job = submit(1);
        long task = task(job, 0);
        for (String state : new String[]{"disabled", "offline"}) {
            ApiServer.Reply refused = assign(agent(state), Map.of("id", task));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).contains(state);
        }
        assertThat(stored(task).agentId()).isNull();
    }

    @Test
    void unknownAgentsAndTasksAreNotFoundAndBadBodiesAreRefused() throws Exception {
        long task = task(submit(1), 0);
        String agent = agent("online");
        assertThat(assign(UUID.randomUUID().toString(), Map.of("id", task)).status()).isEqualTo(404);
        assertThat(assign(agent, Map.of("id", 987_654_321L)).status()).isEqualTo(404);
        assertThat(assign("not-a-uuid", Map.of("id", task)).status()).isEqualTo(400);
        assertThat(assign(agent, Map.of("id", "7")).status()).isEqualTo(400);
        assertThat(assign(agent, Map.of()).status()).isEqualTo(400);
        assertThat(assign(agent, Map.of("id", task, "state", "running")).status()).isEqualTo(400);
        assertThat(assign(agent, "[1]").status()).isEqualTo(400);
        assertThat(stored(task).agentId()).isNull();
    }
}
