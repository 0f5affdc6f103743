package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags, and tagging agents and jobs. */
class TagsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    static String agent(String hostname) {
        String id = UUID.randomUUID().toString();
        ApiServer.Reply reply = api.post("/api/v1/agents/", ApiServer.json(Map.of("id", id, "hostname", hostname, "port", 50000,
                "cpus", 4, "ram", 4096, "free_ram", 2048)));
        assertThat(reply.status()).isEqualTo(201);
        return id;
    }

    @Test
    void postingATagCreatesItOnceAndReturnsItAfterwards() {
        ApiServer.Reply created = api.post("/api/v1/tags/", "{\"tag\": \"interesting\"}");
        assertThat(created.status()).isEqualTo(201);
        ApiServer.Reply again = api.post("/api/v1/tags/", "{\"tag\": \"interesting\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(created.json().get("id").asLong());
        assertThat(api.get("/api/v1/tags/" + created.json().get("id").asLong()).json().get("tag").asText()).isEqualTo("interesting");
        assertThat(api.get("/api/v1/tags/schema").json().get("tag").asText()).isEqualTo("VARCHAR(64)");
    }

    @Test
    void agentsAreTaggedOnceAndListed() {
        String agent = agent("tagged");
        api.post("/api/v1/tags/", "{\"tag\": \"gpu\"}");
        assertThat(api.post("/api/v1/tags/gpu/agents/", "{\"agent_id\": \"" + agent + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/tags/gpu/agents/", "{\"agent_id\": \"" + agent + "\"}").status()).isEqualTo(200);
        JsonNode agents = api.get("/api/v1/tags/gpu/agents/").json();
        assertThat(agents.get(0).get("hostname").asText()).isEqualTo("tagged");
        assertThat(agents.get(0).get("href").asText()).isEqualTo("/api/v1/agents/" + agent);
        assertThat(api.get("/api/v1/agents/" + agent).json().get("tags").get(0).asText()).isEqualTo("gpu");
        assertThat(api.post("/api/v1/tags/gpu/agents/", "{\"agent_id\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/tags/nope/agents/", "{\"agent_id\": \"" + agent + "\"}").status()).isEqualTo(404);
    }

    @Test
    void putReplacesATagsAgentsAndJobsAndDeleteRemovesIt() {
        String agent = agent("put");
        long job = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "tagged job", "jobtype", "command",
                "start", 1, "end", 1, "tags", List.of("farm")))).json().get("id").asLong();
        ApiServer.Reply put = api.put("/api/v1/tags/farm", "application/json",
                ApiServer.json(Map.of("tag", "farm", "agents", List.of(agent), "jobs", List.of())));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("agents")).hasSize(1);
        assertThat(put.json().get("jobs")).isEmpty();
        assertThat(api.get("/api/v1/jobs/" + job).json().get("tags")).isEmpty();

        JsonNode listed = api.get("/api/v1/tags/").json();
        assertThat(listed.findValuesAsText("tag")).contains("farm");
        assertThat(api.put("/api/v1/tags/fresh", "application/json", "{}").status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/tags/farm").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tags/farm").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tags/farm").status()).isEqualTo(204);
    }

    @Test
    void invalidTagsAreRefused() {
        assertThat(api.post("/api/v1/tags/", "{\"tag\": \"" + "t".repeat(65) + "\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/tags/", "{\"name\": \"x\"}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/tags/a", "application/json", "{\"tag\": \"b\"}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/tags/a", "application/json", "{\"jobs\": [\"x\"]}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/tags/a", "application/json", "{\"jobs\": [999999]}").status()).isEqualTo(404);
    }
}
