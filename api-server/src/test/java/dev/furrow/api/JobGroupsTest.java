package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Job groups and the jobs in them. */
class JobGroupsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    @BeforeAll
    static void createUsers() throws Exception {
        try (var c = api.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (username, email) VALUES ('testuser', 'testuser@localhost'), ('other', NULL)");
        }
    }

    @Test
    void aGroupCollectsJobsWithTheirTaskCounts() {
        ApiServer.Reply created = api.post("/api/v1/jobgroups/", "{\"title\": \"Shot 10\", \"main_jobtype\": \"blender\", \"user\": \"testuser\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long group = created.json().get("id").asLong();
        assertThat(created.json().get("user").asText()).isEqualTo("testuser");
        assertThat(created.json().get("main_jobtype").asText()).isEqualTo("blender");

        long job = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "grouped", "jobtype", "command", "start", 1,
                "end", 3, "jobgroup_id", group, "user", "testuser"))).json().get("id").asLong();
        JsonNode jobs = api.get("/api/v1/jobgroups/" + group + "/jobs").json().get("jobs");
        assertThat(jobs.get(0).get("id").asLong()).isEqualTo(job);
        assertThat(jobs.get(0).get("tasks_queued").asInt()).isEqualTo(3);
        assertThat(jobs.get(0).get("jobtype").asText()).isEqualTo("command");
        assertThat(api.get("/api/v1/jobgroups/" + group).json().get("jobs")).hasSize(1);
        assertThat(api.get("/api/v1/jobs/?user=testuser").json()).hasSize(1);

        ApiServer.Reply updated = api.post("/api/v1/jobgroups/" + group, "{\"user\": \"other\"}");
        assertThat(updated.json().get("user").asText()).isEqualTo("other");
        assertThat(api.delete("/api/v1/jobgroups/" + group).status()).as("contains a job").isEqualTo(409);
        api.post("/api/v1/jobs/" + job, "{\"jobgroup_id\": null}");
        assertThat(api.delete("/api/v1/jobgroups/" + group).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobgroups/" + group).status()).isEqualTo(404);
    }

    @Test
    void invalidGroupsAreRefused() {
        assertThat(api.post("/api/v1/jobgroups/", "{\"title\": \"x\", \"main_jobtype\": \"maya\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobgroups/", "{\"title\": \"x\", \"main_jobtype\": \"command\", \"user\": \"nobody\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobgroups/", "{\"title\": \"x\"}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobgroups/abc").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "g", "jobtype", "command", "start", 1,
                "end", 1, "jobgroup_id", 424242))).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobgroups/schema").json().get("title").asText()).isEqualTo("VARCHAR(255)");
        assertThat(api.get("/api/v1/jobgroups/").status()).isEqualTo(200);
    }
}
