package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.JobChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/jobs/<job> changes a job; DELETE marks it for deletion. Each change is announced. */
class JobUpdateTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass().listeningToJobEvents();

    static long submit(int start, int end) {
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "update", "jobtype", "command", "start", start, "end", end)));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    static List<Double> frames(long job) {
        List<Double> frames = new ArrayList<>();
        api.get("/api/v1/jobs/" + job + "/tasks/").json().forEach(task -> frames.add(task.get("frame").asDouble()));
        return frames;
    }

    static JsonNode update(long job, String json) {
        ApiServer.Reply reply = api.post("/api/v1/jobs/" + job, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void changingTheRangeAddsAndRemovesTasks() throws Exception {
        long job = submit(1, 5);
        api.jobEvents().next(job);
        long firstTask = api.get("/api/v1/jobs/" + job + "/tasks/").json().get(0).get("id").asLong();

        JsonNode updated = update(job, "{\"start\": 2, \"end\": 7}");
        assertThat(updated.get("start").asDouble()).isEqualTo(2.0);
        assertThat(frames(job)).containsExactly(2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        JobChanged event = api.jobEvents().next(job);
        assertThat(event.change()).isEqualTo(JobChanged.Change.UPDATED);
        assertThat(event.taskIds()).containsExactly(firstTask);

        update(job, "{\"by\": 2}");
        assertThat(frames(job)).containsExactly(2.0, 4.0, 6.0);
        assertThat(api.jobEvents().next(job).taskIds()).hasSize(3);
    }

    @Test
    void priorityAndOtherColumnsChangeInPlace() throws Exception {
        long job = submit(1, 2);
        JsonNode updated = update(job, "{\"priority\": 50, \"notes\": \"rush\", \"ram_max\": 4096, \"title\": \"renamed\"}");
        assertThat(updated.get("priority").asInt()).isEqualTo(50);
        assertThat(updated.get("notes").asText()).isEqualTo("rush");
        assertThat(updated.get("ram_max").asInt()).isEqualTo(4096);
        assertThat(updated.get("title").asText()).isEqualTo("renamed");
        assertThat(api.get("/api/v1/jobs/" + job + "/tasks/").json().findValuesAsText("priority")).containsOnly("50");
        assertThat(frames(job)).containsExactly(1.0, 2.0);
    }

    @Test
    void aJobCanBePausedAndUnpaused() throws Exception {
        long job = submit(1, 1);
        api.jobEvents().next(job);
        assertThat(update(job, "{\"state\": \"paused\"}").get("state").asText()).isEqualTo("paused");
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.PAUSED);
        assertThat(update(job, "{\"state\": \"queued\"}").get("state").asText()).isEqualTo("queued");
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.UNPAUSED);
    }

    @Test
    void invalidUpdatesAreRefusedAndChangeNothing() {
        long job = submit(1, 3);
        assertThat(api.post("/api/v1/jobs/" + job, "{\"end\": 0}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/" + job, "{\"jobtype\": \"blender\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/" + job, "{\"state\": \"done\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/" + job, "{\"priority\": 5000}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/" + job, "{\"jobqueue\": \"nope\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/424242", "{\"priority\": 1}").status()).isEqualTo(404);
        assertThat(frames(job)).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void deletingMarksTheJobAndAnnouncesIt() throws Exception {
        long job = submit(1, 1);
        api.jobEvents().next(job);
        ApiServer.Reply deleted = api.delete("/api/v1/jobs/" + job);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobs/" + job).json().get("to_be_deleted").asBoolean()).isTrue();
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.DELETED);
        assertThat(api.delete("/api/v1/jobs/987654").status()).isEqualTo(404);
    }

    @Test
    void theJobListCanBeFilteredAndPaged() {
        long paused = submit(1, 1);
        update(paused, "{\"state\": \"paused\"}");
        assertThat(api.get("/api/v1/jobs/?state=paused").json().findValuesAsText("id")).contains(String.valueOf(paused));
        assertThat(api.get("/api/v1/jobs/?state=queued").json().findValuesAsText("id")).doesNotContain(String.valueOf(paused));
        assertThat(api.get("/api/v1/jobs/?limit=1").json()).hasSize(1);
        assertThat(api.get("/api/v1/jobs/?limit=1&offset=1").json().get(0).get("id").asLong())
                .isGreaterThan(api.get("/api/v1/jobs/?limit=1").json().get(0).get("id").asLong());
        assertThat(api.get("/api/v1/jobs/?state=bogus").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs/?limit=x").status()).isEqualTo(400);
    }
}
