package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.JobChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobSubmissionTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass().listeningToJobEvents();

    static Map<String, Object> job(String title, double start, double end) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("title", title);
        job.put("jobtype", "command");
        job.put("start", start);
        job.put("end", end);
        job.put("data", Map.of("command", List.of("echo", "{frame}")));
        return job;
    }

    @Test
    void submittedJobIsStoredQueuedWithOneTaskPerFrameAndAnnounced() throws Exception {
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(job("Test Job", 1, 5)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode job = reply.json();
        assertThat(job.get("state").asText()).isEqualTo("queued");
        assertThat(job.get("jobtype").asText()).isEqualTo("command");
        assertThat(job.get("jobtype_version").asInt()).isEqualTo(1);
        assertThat(job.get("start").asDouble()).isEqualTo(1.0);
        assertThat(job.get("by").asDouble()).isEqualTo(1.0);
        assertThat(job.get("requeue").asInt()).isEqualTo(3);
        assertThat(job.get("ram_warning").isNull()).as("null columns are included, as in PyFarm").isTrue();
        assertThat(job.get("data").get("command").get(1).asText()).isEqualTo("{frame}");
        String submitted = job.get("time_submitted").asText();
        assertThat(submitted).as("PyFarm's UTC format with microseconds").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(Duration.between(LocalDateTime.parse(submitted).toInstant(ZoneOffset.UTC), Instant.now()).abs().toSeconds()).isLessThan(60);
        long id = job.get("id").asLong();
        try (var c = api.database().connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(state), MAX(state) FROM tasks WHERE job_id = " + id)) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(5);
            assertThat(rows.getString(2)).isEqualTo("queued");
            assertThat(rows.getString(3)).isEqualTo("queued");
        }
        JobChanged event = api.jobEvents().next(id);
        assertThat(event.change()).isEqualTo(JobChanged.Change.SUBMITTED);
    }

    @Test
    void tagsRequirementsAndParentsAreStoredWithTheJob() {
        long parent = api.post("/api/v1/jobs/", ApiServer.json(job("parent", 1, 1))).json().get("id").asLong();
        Map<String, Object> body = job("child", 1, 2);
        body.put("tags", List.of("comp", "urgent", "comp"));
        body.put("tag_requirements", List.of(Map.of("tag", "gpu"), Map.of("tag", "workstation", "negate", true)));
        body.put("parents", List.of(parent));
        body.put("environ", Map.of("OCIO", "/studio/config.ocio"));
        body.put("notes", "second pass");
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode job = reply.json();
        assertThat(job.get("tags").toString()).isEqualTo("[\"comp\",\"urgent\"]");
        assertThat(job.get("tag_requirements").get(1).get("negate").asBoolean()).isTrue();
        assertThat(job.get("parents").get(0).asLong()).isEqualTo(parent);
        assertThat(job.get("environ").get("OCIO").asText()).isEqualTo("/studio/config.ocio");
        assertThat(api.get("/api/v1/jobs/" + parent).json().get("children").get(0).asLong()).isEqualTo(job.get("id").asLong());
    }
}
