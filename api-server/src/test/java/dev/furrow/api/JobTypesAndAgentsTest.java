package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What agents read and write: job type definitions, and their own registration. */
class JobTypesAndAgentsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass(Map.of("furrow.farm-name", "studio"));

    @Test
    void theBuiltinJobTypesAreListedAndReadableByNameOrId() {
        JsonNode list = api.get("/api/v1/jobtypes/").json();
        assertThat(list.findValuesAsText("name")).contains("command", "fake-render", "blender");

        JsonNode command = api.get("/api/v1/jobtypes/command").json();
        assertThat(command.get("version").asInt()).isEqualTo(1);
        assertThat(command.get("classname").asText()).isEqualTo("builtin");
        assertThat(command.get("batch_contiguous").asBoolean()).isTrue();
        assertThat(command.get("software_requirements")).isEmpty();
        assertThat(api.get("/api/v1/jobtypes/" + command.get("id").asLong()).json().get("name").asText()).isEqualTo("command");

        assertThat(api.get("/api/v1/jobtypes/blender/versions/").json().toString()).isEqualTo("[1]");
        assertThat(api.get("/api/v1/jobtypes/blender/versions/1").json().get("max_batch").asInt()).isEqualTo(10);
    }

    @Test
    void unknownJobTypesAndVersionsAreNotFound() {
        assertThat(api.get("/api/v1/jobtypes/maya").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobtypes/command/versions/9").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobtypes/command/versions/x").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobtypes/maya/versions/").status()).isEqualTo(404);
    }

    static Map<String, Object> agent(String id, String hostname) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("id", id);
        agent.put("hostname", hostname);
        agent.put("port", 50000);
        agent.put("cpus", 8);
        agent.put("ram", 16384);
        agent.put("free_ram", 8000);
        return agent;
    }

    @Test
    void anAgentIsCreatedThenUpdatedByTheSamePost() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = agent(id, "node1");
        body.put("mac_addresses", List.of("00:11:22:AA:BB:CC"));
        body.put("disks", List.of(Map.of("mountpoint", "/", "size", 1000, "free", 500)));
        ApiServer.Reply created = api.post("/api/v1/agents/", ApiServer.json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("state").asText()).isEqualTo("online");
        assertThat(created.json().get("remote_ip").asText()).as("taken from the connection").isEqualTo("127.0.0.1");
        assertThat(created.json().get("mac_addresses").get(0).asText()).isEqualTo("00:11:22:aa:bb:cc");

        ApiServer.Reply updated = api.post("/api/v1/agents/", ApiServer.json(Map.of("id", id, "free_ram", 1234, "state", "running")));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("free_ram").asInt()).isEqualTo(1234);
        assertThat(updated.json().get("hostname").asText()).isEqualTo("node1");
        assertThat(updated.json().get("disks")).hasSize(1);

        JsonNode read = api.get("/api/v1/agents/" + id).json();
        assertThat(read.get("state").asText()).isEqualTo("running");
        assertThat(api.get("/api/v1/agents/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/agents/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void agentsCanBeFilteredByHardware() {
        String small = UUID.randomUUID().toString();
        String big = UUID.randomUUID().toString();
        Map<String, Object> smallAgent = agent(small, "small");
        smallAgent.put("cpus", 2);
        smallAgent.put("ram", 2048);
        api.post("/api/v1/agents/", ApiServer.json(smallAgent));
        Map<String, Object> bigAgent = agent(big, "big");
        bigAgent.put("cpus", 64);
        bigAgent.put("ram", 131072);
        bigAgent.put("port", 50001);
        api.post("/api/v1/agents/", ApiServer.json(bigAgent));

        assertThat(api.get("/api/v1/agents/?min_cpus=32").json().findValuesAsText("id")).contains(big).doesNotContain(small);
        assertThat(api.get("/api/v1/agents/?max_ram=4096").json().findValuesAsText("id")).contains(small).doesNotContain(big);
        assertThat(api.get("/api/v1/agents/?hostname=small&port=50000").json().findValuesAsText("id")).containsExactly(small);
        assertThat(api.get("/api/v1/agents/?min_ram=lots").status()).isEqualTo(400);
    }

    @Test
    void invalidRegistrationsAreRefused() {
        String id = UUID.randomUUID().toString();
        assertThat(api.post("/api/v1/agents/", ApiServer.json(Map.of("id", id))).status()).as("missing hardware").isEqualTo(400);
        Map<String, Object> lowPort = agent(id, "n");
        lowPort.put("port", 80);
        assertThat(api.post("/api/v1/agents/", ApiServer.json(lowPort)).status()).isEqualTo(400);
        Map<String, Object> badIp = agent(id, "n");
        badIp.put("remote_ip", "example.com");
        assertThat(api.post("/api/v1/agents/", ApiServer.json(badIp)).status()).isEqualTo(400);
        Map<String, Object> otherFarm = agent(id, "n");
        otherFarm.put("farm_name", "elsewhere");
        ApiServer.Reply refused = api.post("/api/v1/agents/", ApiServer.json(otherFarm));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).contains("studio");
        assertThat(api.post("/api/v1/agents/", ApiServer.json(agent("nope", "n"))).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/agents/" + id).status()).as("nothing was stored").isEqualTo(404);
    }

    @Test
    void schemasNameEveryColumnAndItsType() {
        assertThat(api.get("/api/v1/jobs/schema").json().get("start").asText()).isEqualTo("NUMERIC(10,4)");
        assertThat(api.get("/api/v1/jobs/schema").json().get("state").asText()).isEqualTo("WorkStateEnum");
        assertThat(api.get("/api/v1/agents/schema").json().get("id").asText()).isEqualTo("UUIDType");
        assertThat(api.get("/api/v1/jobtypes/schema").json().get("code").asText()).isEqualTo("TEXT");
    }
}
