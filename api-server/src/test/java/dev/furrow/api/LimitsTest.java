package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.JobChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/limits: named capacities, declared by jobs and job type versions, held by assigned tasks. */
class LimitsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass().listeningToJobEvents();

    static String createLimit(int capacity) {
        String name = "licence-" + UUID.randomUUID().toString().substring(0, 8);
        ApiServer.Reply created = api.post("/api/v1/limits/", ApiServer.json(Map.of("name", name, "capacity", capacity, "description", "floating licences")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    static long submit(String body) {
        ApiServer.Reply reply = api.post("/api/v1/jobs/", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    /** What the scheduler-worker's claim does: hands the job's first {@code count} tasks to an agent. */
    static void assignTasks(long job, int count, String state) throws Exception {
        String agent = UUID.randomUUID().toString();
        assertThat(api.post("/api/v1/agents/", ApiServer.json(JobTypesAndAgentsTest.agent(agent, "node-" + agent.substring(0, 6)))).status()).isEqualTo(201);
        try (Connection c = api.database().connect();
             PreparedStatement assign = c.prepareStatement("UPDATE tasks SET agent_id = ?, state = ? WHERE job_id = ? ORDER BY frame LIMIT ?")) {
            assign.setString(1, agent);
            assign.setString(2, state);
            assign.setLong(3, job);
            assign.setInt(4, count);
            assign.executeUpdate();
        }
    }

    @Test
    void aLimitIsCreatedReadByNameOrIdChangedAndDeleted() {
        String name = createLimit(4);
        JsonNode limit = api.get("/api/v1/limits/" + name).json();
        assertThat(limit.get("capacity").asInt()).isEqualTo(4);
        assertThat(limit.get("description").asText()).isEqualTo("floating licences");
        assertThat(limit.get("in_use").asInt()).isZero();
        long id = limit.get("id").asLong();
        assertThat(api.get("/api/v1/limits/" + id).json().get("name").asText()).isEqualTo(name);
        assertThat(api.get("/api/v1/limits/").json().findValuesAsText("name")).contains(name);

        ApiServer.Reply changed = api.post("/api/v1/limits/" + name, "{\"capacity\": 2, \"description\": \"fewer\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("capacity").asInt()).isEqualTo(2);
        assertThat(changed.json().get("description").asText()).isEqualTo("fewer");

        assertThat(api.delete("/api/v1/limits/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/limits/" + name).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/limits/" + name).status()).isEqualTo(204);
    }

    @Test
    void badLimitsAreRefused() {
        String name = createLimit(1);
        assertThat(api.post("/api/v1/limits/", ApiServer.json(Map.of("name", name, "capacity", 3))).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/limits/", "{\"name\": \"negative\", \"capacity\": -1}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/limits/", "{\"name\": \"no-capacity\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/limits/", "{\"name\": \"123\", \"capacity\": 1}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/limits/", "{\"name\": \"x\", \"capacity\": 1, \"colour\": \"red\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/limits/" + name, "{\"capacity\": -5}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/limits/" + name, "{\"name\": \"renamed\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/limits/unknown-limit", "{\"capacity\": 5}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/limits/unknown-limit").json().get("error").asText()).contains("unknown-limit");
    }

    @Test
    void jobsDeclareLimitsAndAssignedTasksHoldThem() throws Exception {
        String nuke = createLimit(10);
        String arnold = createLimit(10);
        long job = submit(ApiServer.json(Map.of("title", "limited", "jobtype", "command", "start", 1, "end", 4,
                "limits", Map.of(nuke, 2))));
        assertThat(api.get("/api/v1/jobs/" + job).json().get("limits").get(nuke).asInt()).isEqualTo(2);

        assignTasks(job, 3, "running");
        assertThat(api.get("/api/v1/limits/" + nuke).json().get("in_use").asInt()).as("3 assigned tasks x 2").isEqualTo(6);

        JsonNode updated = api.post("/api/v1/jobs/" + job, ApiServer.json(Map.of("limits", Map.of(arnold, 1)))).json();
        assertThat(updated.get("limits").has(nuke)).isFalse();
        assertThat(updated.get("limits").get(arnold).asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/limits/" + nuke).json().get("in_use").asInt()).isZero();
        assertThat(api.get("/api/v1/limits/" + arnold).json().get("in_use").asInt()).isEqualTo(3);
    }

    @Test
    void jobTypeVersionsDeclareLimitsThatAddToTheJobs() throws Exception {
        String gpu = createLimit(8);
        String jobtype = "limited-" + UUID.randomUUID().toString().substring(0, 8);
        ApiServer.Reply created = api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", jobtype, "classname", "command",
                "code", "{\"command\": [\"true\"]}", "limits", Map.of(gpu, 3))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("limits").get(gpu).asInt()).isEqualTo(3);

        long job = submit(ApiServer.json(Map.of("title", "gpu job", "jobtype", jobtype, "start", 1, "end", 2, "limits", Map.of(gpu, 1))));
        assignTasks(job, 1, "queued");
        assertThat(api.get("/api/v1/limits/" + gpu).json().get("in_use").asInt()).as("job 1 + job type 3").isEqualTo(4);

        ApiServer.Reply second = api.put("/api/v1/jobtypes/" + jobtype, "application/json",
                ApiServer.json(Map.of("classname", "command", "code", "{\"command\": [\"true\"]}", "limits", Map.of(gpu, 5))));
        assertThat(second.status()).as(second.body()).isIn(200, 201);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        assertThat(second.json().get("limits").get(gpu).asInt()).isEqualTo(5);
        assertThat(api.get("/api/v1/jobtypes/" + jobtype + "/versions/1").json().get("limits").get(gpu).asInt()).isEqualTo(3);
    }

    @Test
    void unknownLimitsAndAmountsBelowOneAreRefused() {
        String name = createLimit(1);
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "t", "jobtype", "command", "start", 1, "end", 1,
                "limits", Map.of("no-such-limit", 1)))).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "t", "jobtype", "command", "start", 1, "end", 1,
                "limits", Map.of(name, 0)))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "t", "jobtype", "command", "start", 1, "end", 1,
                "limits", Map.of(name, "one")))).status()).isEqualTo(400);
        long job = submit(ApiServer.json(Map.of("title", "t", "jobtype", "command", "start", 1, "end", 1)));
        assertThat(api.post("/api/v1/jobs/" + job, ApiServer.json(Map.of("limits", Map.of("no-such-limit", 1)))).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "bad-limits", "classname", "builtin",
                "limits", Map.of(name, -2)))).status()).isEqualTo(400);
    }

    @Test
    void changingOrDeletingALimitAnnouncesTheJobsUsingIt() throws Exception {
        String name = createLimit(1);
        long job = submit(ApiServer.json(Map.of("title", "waits for licence", "jobtype", "command", "start", 1, "end", 1,
                "limits", Map.of(name, 1))));
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.SUBMITTED);

        api.post("/api/v1/limits/" + name, "{\"capacity\": 5}");
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.UPDATED);

        api.delete("/api/v1/limits/" + name);
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.UPDATED);
        assertThat(api.get("/api/v1/jobs/" + job).json().get("limits").size()).isZero();
    }
}
