package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Software items and versions, and jobs that require them. */
class SoftwareTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    @Test
    void softwareIsCreatedWithRankedVersions() {
        ApiServer.Reply created = api.post("/api/v1/software/", ApiServer.json(Map.of("software", "Blender",
                "versions", List.of(Map.of("version", "2.79"), Map.of("version", "4.2", "discovery_code", "return true")))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("versions").findValuesAsText("rank")).containsExactly("100", "200");
        assertThat(api.post("/api/v1/software/", ApiServer.json(Map.of("software", "Blender"))).status()).isEqualTo(409);

        ApiServer.Reply added = api.post("/api/v1/software/Blender/versions/", "{\"version\": \"4.3\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("rank").asInt()).as("newest unless ranked").isEqualTo(300);
        assertThat(api.post("/api/v1/software/Blender/versions/", "{\"version\": \"4.3\"}").status()).isEqualTo(409);
        assertThat(api.get("/api/v1/software/Blender/versions/").json()).hasSize(3);
        assertThat(api.get("/api/v1/software/Blender/versions/2.79").json().get("rank").asInt()).isEqualTo(100);
        assertThat(api.get("/api/v1/software/Blender/versions/4.2/code").body()).isEqualTo("return true");
        assertThat(api.get("/api/v1/software/Blender/versions/2.79/code").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/software/").json().findValuesAsText("software")).contains("Blender");
        assertThat(api.get("/api/v1/software/schema").json().get("software").asText()).isEqualTo("VARCHAR(64)");
    }

    @Test
    void putCreatesOrExtendsAndDeleteRemoves() {
        ApiServer.Reply created = api.put("/api/v1/software/Houdini", "application/json", "{\"versions\": [{\"version\": \"20.0\"}]}");
        assertThat(created.status()).isEqualTo(201);
        ApiServer.Reply extended = api.put("/api/v1/software/Houdini", "application/json",
                "{\"software\": \"Houdini\", \"versions\": [{\"version\": \"20.0\"}, {\"version\": \"20.5\"}]}");
        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.json().get("versions")).hasSize(2);
        assertThat(api.delete("/api/v1/software/Houdini/versions/20.0").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/software/Houdini/versions/").json()).hasSize(1);
        assertThat(api.delete("/api/v1/software/Houdini").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/software/Houdini").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/software/Houdini/versions/20.5").status()).isEqualTo(404);
    }

    @Test
    void jobsRequireSoftwareVersionsByName() {
        api.post("/api/v1/software/", ApiServer.json(Map.of("software", "Nuke",
                "versions", List.of(Map.of("version", "14"), Map.of("version", "15")))));
        Map<String, Object> job = Map.of("title", "comp", "jobtype", "command", "start", 1, "end", 1,
                "software_requirements", List.of(Map.of("software", "Nuke", "min_version", "14")));
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(job));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode requirement = reply.json().get("software_requirements").get(0);
        assertThat(requirement.get("software").asText()).isEqualTo("Nuke");
        assertThat(requirement.get("min_version").asText()).isEqualTo("14");
        assertThat(requirement.get("max_version").isNull()).isTrue();

        assertThat(api.delete("/api/v1/software/Nuke").status()).as("a job requires it").isEqualTo(409);
        assertThat(api.delete("/api/v1/software/Nuke/versions/14").status()).as("a requirement's bound").isEqualTo(409);
        Map<String, Object> unknownVersion = Map.of("title", "comp", "jobtype", "command", "start", 1, "end", 1,
                "software_requirements", List.of(Map.of("software", "Nuke", "min_version", "99")));
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(unknownVersion)).status()).isEqualTo(404);
    }

    @Test
    void invalidSoftwareIsRefused() {
        assertThat(api.post("/api/v1/software/", "{\"software\": \"\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/software/", "{\"software\": \"x\", \"versions\": [\"1.0\"]}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/software/", "{\"software\": \"x\", \"colour\": 1}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/software/a", "application/json", "{\"software\": \"b\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/software/nothing/versions/", "{\"version\": \"1\"}").status()).isEqualTo(404);
    }
}
