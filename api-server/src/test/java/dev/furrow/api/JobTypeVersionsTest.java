package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating job types, adding versions with PUT, reading code, deleting. */
class JobTypeVersionsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    static String commandCode(String program) {
        return ApiServer.json(Map.of("command", java.util.List.of(program, "{frame}")));
    }

    @Test
    void aJobTypeIsCreatedThenVersionedByPut() {
        ApiServer.Reply created = api.post("/api/v1/jobtypes/", ApiServer.json(Map.of(
                "name", "Touch", "classname", "command", "code", commandCode("touch"), "description", "touches", "max_batch", 4)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("max_batch").asInt()).isEqualTo(4);
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "Touch", "classname", "command",
                "code", commandCode("touch")))).status()).isEqualTo(409);

        ApiServer.Reply second = api.put("/api/v1/jobtypes/Touch", "application/json",
                ApiServer.json(Map.of("classname", "command", "code", commandCode("/usr/bin/touch"))));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/jobtypes/Touch/versions/").json().toString()).isEqualTo("[1,2]");
        assertThat(api.get("/api/v1/jobtypes/Touch").json().get("version").asInt()).isEqualTo(2);
        ApiServer.Reply code = api.get("/api/v1/jobtypes/Touch/versions/1/code");
        assertThat(code.contentType()).startsWith("text/plain");
        assertThat(code.body()).isEqualTo(commandCode("touch"));

        Map<String, Object> job = Map.of("title", "touch job", "jobtype", "Touch", "start", 1, "end", 1);
        JsonNode submitted = api.post("/api/v1/jobs/", ApiServer.json(job)).json();
        assertThat(submitted.get("jobtype_version").asInt()).as("latest version by default").isEqualTo(2);
        assertThat(api.delete("/api/v1/jobtypes/Touch").status()).as("jobs use it").isEqualTo(409);
        assertThat(api.delete("/api/v1/jobtypes/Touch/versions/1").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobtypes/Touch/versions/").json().toString()).isEqualTo("[2]");
    }

    @Test
    void putCreatesAnUnknownJobTypeAndDeleteRemovesIt() {
        ApiServer.Reply created = api.put("/api/v1/jobtypes/Scripted", "application/json",
                ApiServer.json(Map.of("code", "function command(task) { return ['true']; }")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("classname").asText()).isEqualTo("script");
        assertThat(api.delete("/api/v1/jobtypes/Scripted").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobtypes/Scripted").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/jobtypes/Scripted").status()).as("already gone").isEqualTo(204);
    }

    @Test
    void invalidJobTypesAreRefused() {
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "x", "classname", "Python", "code", ""))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "x", "classname", "command", "code", "not json"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "123", "code", "x"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "x"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "x", "code", "y", "software_requirements",
                java.util.List.of(Map.of("software", "maya"))))).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/jobtypes/a", "application/json", ApiServer.json(Map.of("name", "b", "code", "y"))).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/jobtypes/999999", "application/json", ApiServer.json(Map.of("code", "y"))).status()).isEqualTo(404);
    }

    @Test
    void changingSoftwareRequirementsCreatesNewVersions() {
        api.post("/api/v1/software/", "{\"software\": \"touch\", \"versions\": [{\"version\": \"8.21\"}, {\"version\": \"9.4\"}]}");
        api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", "Toucher", "classname", "command", "code", commandCode("touch"))));
        String requirements = "/api/v1/jobtypes/Toucher/software_requirements/";

        ApiServer.Reply added = api.post(requirements, "{\"software\": \"touch\", \"min_version\": \"8.21\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("jobtype_version").get("version").asInt()).isEqualTo(2);
        assertThat(added.json().get("min_version").get("version").asText()).isEqualTo("8.21");
        assertThat(added.json().get("max_version").isNull()).isTrue();
        assertThat(api.post(requirements, "{\"software\": \"touch\"}").status()).isEqualTo(409);

        assertThat(api.get(requirements).json()).hasSize(1);
        assertThat(api.get(requirements + "touch").json().get("software").get("software").asText()).isEqualTo("touch");
        JsonNode newest = api.get("/api/v1/jobtypes/Toucher").json();
        assertThat(newest.get("software_requirements").get(0).get("min_version").asText()).isEqualTo("8.21");
        assertThat(newest.get("code").asText()).as("the new version copies the code").isEqualTo(commandCode("touch"));

        assertThat(api.delete(requirements + "touch").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobtypes/Toucher").json().get("version").asInt()).isEqualTo(3);
        assertThat(api.get(requirements).json()).isEmpty();
        assertThat(api.get(requirements + "touch").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobtypes/Toucher/versions/2").json().get("software_requirements")).hasSize(1);
        assertThat(api.post(requirements, "{\"software\": \"nope\"}").status()).isEqualTo(404);
    }
}
