package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A job waiting for its parents says which parents, and in which state, in {@code blocked_by}. */
class JobDependenciesTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    private static long submit(String title, List<Long> parents) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("jobtype", "command");
        body.put("start", 1);
        body.put("end", 1);
        body.put("requeue", 0);
        body.put("parents", parents);
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    private static void taskOf(long job, String state) {
        long task = api.get("/api/v1/jobs/" + job + "/tasks/").json().get(0).get("id").asLong();
        ApiServer.Reply reply = api.post("/api/v1/jobs/" + job + "/tasks/" + task, "{\"state\": \"" + state + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static JsonNode blockedBy(long job) {
        return api.get("/api/v1/jobs/" + job).json().get("blocked_by");
    }

    @Test
    void aChildListsTheParentsItWaitsForWithTheirState() {
        long render = submit("render", List.of());
        long sim = submit("sim", List.of());
        long comp = submit("comp", List.of(render, sim));

        JsonNode waiting = blockedBy(comp);
        assertThat(waiting).hasSize(2);
        assertThat(waiting.get(0).get("id").asLong()).isEqualTo(render);
        assertThat(waiting.get(0).get("title").asText()).isEqualTo("render");
        assertThat(waiting.get(0).get("state").asText()).isEqualTo("queued");
        assertThat(waiting.get(0).get("to_be_deleted").asBoolean()).isFalse();

        taskOf(render, "done");
        taskOf(sim, "running");
        JsonNode left = blockedBy(comp);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("id").asLong()).isEqualTo(sim);
        assertThat(left.get(0).get("state").asText()).isEqualTo("running");

        taskOf(sim, "done");
        assertThat(blockedBy(comp)).isEmpty();
        assertThat(blockedBy(render)).as("a job without parents waits for nobody").isEmpty();
    }

    @Test
    void aFailedParentKeepsTheChildWaitingAndSaysSo() {
        long parent = submit("fails", List.of());
        long child = submit("after fails", List.of(parent));

        taskOf(parent, "failed");

        JsonNode document = api.get("/api/v1/jobs/" + child).json();
        assertThat(document.get("state").asText()).isEqualTo("queued");
        assertThat(document.get("blocked_by")).singleElement().satisfies(p -> {
            assertThat(p.get("id").asLong()).isEqualTo(parent);
            assertThat(p.get("state").asText()).isEqualTo("failed");
        });
    }

    @Test
    void aParentBeingDeletedIsShownAsSuch() {
        long parent = submit("going away", List.of());
        long child = submit("after going away", List.of(parent));

        assertThat(api.delete("/api/v1/jobs/" + parent).status()).isEqualTo(204);

        assertThat(blockedBy(child)).singleElement().satisfies(p -> {
            assertThat(p.get("id").asLong()).isEqualTo(parent);
            assertThat(p.get("to_be_deleted").asBoolean()).isTrue();
        });
    }
}
