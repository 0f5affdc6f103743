package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job queue tree, and jobs submitted into a queue. */
class JobQueuesTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    static JsonNode create(String json) {
        ApiServer.Reply reply = api.post("/api/v1/jobqueues/", json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    @Test
    void queuesFormATreeAndHoldJobs() {
        JsonNode lighting = create("{\"name\": \"Lighting\", \"priority\": 20}");
        assertThat(lighting.get("weight").asInt()).isEqualTo(10);
        JsonNode shots = create("{\"name\": \"Shots\", \"parent_jobqueue_id\": " + lighting.get("id").asLong() + "}");
        assertThat(shots.get("fullpath").asText()).isEqualTo("Lighting/Shots");
        assertThat(shots.get("parent").get("name").asText()).isEqualTo("Lighting");
        assertThat(shots.get("priority").asInt()).isEqualTo(5);

        long job = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "queued job", "jobtype", "command",
                "start", 1, "end", 1, "jobqueue", "Shots"))).json().get("id").asLong();
        assertThat(api.get("/api/v1/jobs/" + job).json().get("jobqueue").asText()).isEqualTo("Shots");
        assertThat(api.get("/api/v1/jobqueues/Shots").json().get("jobs").get(0).get("id").asLong()).isEqualTo(job);
        assertThat(api.get("/api/v1/jobs/?queue=Shots").json()).hasSize(1);

        assertThat(api.delete("/api/v1/jobqueues/Shots").status()).as("holds a job").isEqualTo(409);
        assertThat(api.delete("/api/v1/jobqueues/Lighting").status()).as("has a child").isEqualTo(409);
        assertThat(api.get("/api/v1/jobqueues/").json().findValuesAsText("name")).contains("Lighting", "Shots");
    }

    @Test
    void aQueueIsUpdatedInPlaceAndRenamesReachItsChildren() {
        JsonNode parent = create("{\"name\": \"Comp\"}");
        create("{\"name\": \"Plates\", \"parent_jobqueue_id\": " + parent.get("id").asLong() + "}");
        ApiServer.Reply updated = api.post("/api/v1/jobqueues/Comp", "{\"priority\": 6, \"name\": \"Compositing\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("priority").asInt()).isEqualTo(6);
        assertThat(api.get("/api/v1/jobqueues/Plates").json().get("fullpath").asText()).isEqualTo("Compositing/Plates");
        assertThat(api.post("/api/v1/jobqueues/Compositing",
                "{\"parent_jobqueue_id\": " + api.get("/api/v1/jobqueues/Plates").json().get("id").asLong() + "}").status())
                .as("a cycle").isEqualTo(400);
    }

    @Test
    void invalidQueuesAreRefused() {
        create("{\"name\": \"Taken\"}");
        assertThat(api.post("/api/v1/jobqueues/", "{\"name\": \"Taken\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/jobqueues/", "{\"name\": \"a/b\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobqueues/", "{\"priority\": 1}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobqueues/", "{\"name\": \"x\", \"parent_jobqueue_id\": 99999}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobqueues/", "{\"name\": \"x\", \"minimum_agents\": 5, \"maximum_agents\": 1}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobqueues/nope").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/jobqueues/nope").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobqueues/schema").json().get("name").asText()).isEqualTo("VARCHAR(255)");
    }
}
