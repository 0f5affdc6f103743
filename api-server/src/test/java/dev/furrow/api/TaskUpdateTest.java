package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** PyFarm's task update rules over POST /api/v1/jobs/<job>/tasks/<id>, and the job state roll-up. */
class TaskUpdateTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    record Job(long id, long[] tasks) {
        String task(int index) {
            return "/api/v1/jobs/" + id + "/tasks/" + tasks[index];
        }
    }

    static Job submit(int frames, int requeue) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "tasks " + UUID.randomUUID());
        body.put("jobtype", "command");
        body.put("start", 1);
        body.put("end", frames);
        body.put("requeue", requeue);
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long id = reply.json().get("id").asLong();
        JsonNode tasks = api.get("/api/v1/jobs/" + id + "/tasks/").json();
        long[] ids = new long[tasks.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tasks.get(i).get("id").asLong();
        }
        return new Job(id, ids);
    }

    static JsonNode update(String path, String json) {
        ApiServer.Reply reply = api.post(path, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static String jobState(Job job) {
        return api.get("/api/v1/jobs/" + job.id()).json().get("state").asText();
    }

    @Test
    void enteringRunningCountsAnAttemptAndStartsTheClock() {
        Job job = submit(2, 3);
        JsonNode task = update(job.task(0), "{\"state\": \"running\"}");
        assertThat(task.get("attempts").asInt()).isEqualTo(1);
        assertThat(task.get("time_started").isNull()).isFalse();
        assertThat(task.get("job").get("id").asLong()).isEqualTo(job.id());
        assertThat(jobState(job)).isEqualTo("running");
        assertThat(api.get("/api/v1/jobs/" + job.id()).json().get("time_started").isNull()).isFalse();

        JsonNode again = update(job.task(0), "{\"state\": \"running\", \"progress\": 0.5}");
        assertThat(again.get("attempts").asInt()).as("staying running is not a new attempt").isEqualTo(1);
        assertThat(again.get("progress").asDouble()).isEqualTo(0.5);
    }

    @Test
    void doneSetsProgressToOneClearsTheErrorAndFinishesTheJob() {
        Job job = submit(2, 3);
        update(job.task(0), "{\"state\": \"running\", \"last_error\": \"warming up\"}");
        JsonNode done = update(job.task(0), "{\"state\": \"done\"}");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("last_error").isNull()).isTrue();
        assertThat(done.get("time_finished").isNull()).isFalse();
        assertThat(jobState(job)).isEqualTo("running");

        update(job.task(1), "{\"state\": \"done\"}");
        JsonNode finished = api.get("/api/v1/jobs/" + job.id()).json();
        assertThat(finished.get("state").asText()).isEqualTo("done");
        assertThat(finished.get("time_finished").isNull()).isFalse();
    }

    @Test
    void aFailedTaskIsRequeuedUntilItsRetriesRunOut() {
        Job job = submit(1, 1);
        update(job.task(0), "{\"state\": \"running\"}");
        JsonNode first = update(job.task(0), "{\"state\": \"failed\", \"last_error\": \"exit 3\"}");
        assertThat(first.get("failures").asInt()).isEqualTo(1);
        assertThat(first.get("state").asText()).as("requeue=1 allows one retry").isEqualTo("queued");
        assertThat(first.get("last_error").asText()).isEqualTo("exit 3");

        update(job.task(0), "{\"state\": \"running\"}");
        JsonNode second = update(job.task(0), "{\"state\": \"failed\"}");
        assertThat(second.get("failures").asInt()).isEqualTo(2);
        assertThat(second.get("attempts").asInt()).isEqualTo(2);
        assertThat(second.get("state").asText()).isEqualTo("failed");
        assertThat(jobState(job)).isEqualTo("failed");
    }

    @Test
    void returningToTheQueueResetsTheTimes() {
        Job job = submit(1, 0);
        update(job.task(0), "{\"state\": \"running\"}");
        JsonNode queued = update(job.task(0), "{\"state\": \"queued\"}");
        assertThat(queued.get("time_started").isNull()).isTrue();
        assertThat(queued.get("time_finished").isNull()).isTrue();
        assertThat(queued.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void invalidUpdatesAreRefused() {
        Job job = submit(1, 0);
        assertThat(api.post(job.task(0), "{\"progress\": 1.5}").status()).isEqualTo(400);
        assertThat(api.post(job.task(0), "{\"progress\": -0.1}").status()).isEqualTo(400);
        assertThat(api.post(job.task(0), "{\"state\": \"exploded\"}").status()).isEqualTo(400);
        assertThat(api.post(job.task(0), "{\"attempts\": 5}").status()).isEqualTo(400);
        assertThat(api.post(job.task(0), "{\"agent_id\": \"not-a-uuid\"}").status()).isEqualTo(400);
        assertThat(api.post(job.task(0), "{\"agent_id\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/tasks/99999999", "{\"state\": \"done\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/tasks/abc", "{\"state\": \"done\"}").status()).isEqualTo(404);
    }

    @Test
    void aTaskOfAnotherJobIsNotFound() {
        Job one = submit(1, 0);
        Job other = submit(1, 0);
        assertThat(api.get("/api/v1/jobs/" + one.id() + "/tasks/" + other.tasks()[0]).status()).isEqualTo(404);
    }

    @Test
    void jobsAndTheirTasksCanBeAddressedByTitle() {
        Map<String, Object> body = Map.of("title", "Title Lookup", "jobtype", "command", "start", 1, "end", 2);
        long id = api.post("/api/v1/jobs/", ApiServer.json(body)).json().get("id").asLong();
        assertThat(api.get("/api/v1/jobs/Title%20Lookup").json().get("id").asLong()).isEqualTo(id);
        assertThat(api.get("/api/v1/jobs/Title%20Lookup/tasks/").json()).hasSize(2);
    }

    @Test
    void theTaskListCanBeFilteredByStateAndPaged() {
        Job job = submit(4, 0);
        update(job.task(1), "{\"state\": \"done\"}");
        String tasks = "/api/v1/jobs/" + job.id() + "/tasks/";
        assertThat(api.get(tasks + "?state=done").json()).hasSize(1);
        assertThat(api.get(tasks + "?state=queued").json()).hasSize(3);
        JsonNode page = api.get(tasks + "?limit=2&offset=2").json();
        assertThat(page).hasSize(2);
        assertThat(page.get(0).get("frame").asDouble()).isEqualTo(3.0);
        assertThat(api.get(tasks + "?state=nope").status()).isEqualTo(400);
        assertThat(api.get(tasks + "?limit=0").status()).isEqualTo(400);
    }
}
