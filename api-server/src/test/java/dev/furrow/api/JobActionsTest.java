package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.JobChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The job actions of PyFarm's web UI as routes: rerun, rerun failed, rerun one task, pause, move, upgrade. */
class JobActionsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass().listeningToJobEvents();

    record Job(long id, List<Long> tasks) {
        String task(int index) {
            return "/api/v1/jobs/" + id + "/tasks/" + tasks.get(index);
        }

        JsonNode read(int index) {
            return api.get(task(index)).json();
        }
    }

    /** A job whose tasks never go back to the queue on failure, with its submission event consumed. */
    static Job submit(int frames) throws Exception {
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "actions " + UUID.randomUUID(),
                "jobtype", "command", "start", 1, "end", frames, "requeue", 0)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long id = reply.json().get("id").asLong();
        List<Long> tasks = new ArrayList<>();
        api.get("/api/v1/jobs/" + id + "/tasks/").json().forEach(task -> tasks.add(task.get("id").asLong()));
        assertThat(api.jobEvents().next(id).change()).isEqualTo(JobChanged.Change.SUBMITTED);
        return new Job(id, tasks);
    }

    static String agent() {
        String agent = UUID.randomUUID().toString();
        assertThat(api.post("/api/v1/agents/", ApiServer.json(JobTypesAndAgentsTest.agent(agent, "actions-" + agent.substring(0, 6)))).status()).isEqualTo(201);
        return agent;
    }

    static void report(Job job, int index, String body) {
        ApiServer.Reply reply = api.post(job.task(index), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    static JsonNode action(String path) {
        ApiServer.Reply reply = api.post(path, "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void rerunQueuesEveryTaskNotRunningAndKeepsAttempts() throws Exception {
        Job job = submit(3);
        String agent = agent();
        report(job, 0, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        report(job, 0, "{\"state\": \"done\"}");
        report(job, 1, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        report(job, 1, "{\"state\": \"failed\", \"last_error\": \"exit 3\"}");
        report(job, 2, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");

        JsonNode rerun = action("/api/v1/jobs/" + job.id() + "/rerun");
        assertThat(rerun.get("state").asText()).isEqualTo("running");
        assertThat(job.read(0).get("state").asText()).isEqualTo("queued");
        assertThat(job.read(0).get("attempts").asInt()).as("attempts kept").isEqualTo(1);
        assertThat(job.read(1).get("failures").asInt()).isZero();
        assertThat(job.read(1).get("last_error").isNull()).isTrue();
        assertThat(job.read(2).get("state").asText()).as("running tasks keep running").isEqualTo("running");

        JobChanged event = api.jobEvents().next(job.id());
        assertThat(event.change()).isEqualTo(JobChanged.Change.RERUN);
        assertThat(event.taskIds()).containsExactly(job.tasks().get(0), job.tasks().get(1));
    }

    @Test
    void rerunFailedQueuesOnlyTheFailedTasksOfAFinishedJob() throws Exception {
        Job job = submit(2);
        String agent = agent();
        report(job, 0, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        report(job, 0, "{\"state\": \"done\"}");
        report(job, 1, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        report(job, 1, "{\"state\": \"failed\"}");
        assertThat(api.get("/api/v1/jobs/" + job.id()).json().get("state").asText()).isEqualTo("failed");

        JsonNode rerun = action("/api/v1/jobs/" + job.id() + "/rerun_failed");
        assertThat(rerun.get("state").asText()).isEqualTo("running");
        assertThat(rerun.get("time_finished").isNull()).isTrue();
        assertThat(job.read(0).get("state").asText()).isEqualTo("done");
        assertThat(job.read(1).get("state").asText()).isEqualTo("queued");
        assertThat(job.read(1).get("agent_id").isNull()).isTrue();
        JobChanged event = api.jobEvents().next(job.id());
        assertThat(event.change()).isEqualTo(JobChanged.Change.RERUN);
        assertThat(event.taskIds()).containsExactly(job.tasks().get(1));

        action("/api/v1/jobs/" + job.id() + "/rerun_failed");
        action("/api/v1/jobs/" + job.id() + "/pause");
        assertThat(api.jobEvents().next(job.id()).change()).as("nothing failed, so no RERUN before the pause")
                .isEqualTo(JobChanged.Change.PAUSED);
    }

    @Test
    void rerunningARunningTaskCancelsItOnItsAgent() throws Exception {
        Job job = submit(2);
        String agent = agent();
        report(job, 0, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        report(job, 1, "{\"state\": \"running\", \"agent_id\": \"" + agent + "\"}");
        report(job, 1, "{\"state\": \"done\"}");

        action("/api/v1/jobs/" + job.id() + "/tasks/" + job.tasks().get(0) + "/rerun");
        JsonNode running = job.read(0);
        assertThat(running.get("state").asText()).isEqualTo("queued");
        assertThat(running.get("agent_id").asText()).as("the agent holds it until it reports it stopped").isEqualTo(agent);
        JobChanged cancelled = api.jobEvents().next(job.id());
        assertThat(cancelled.change()).isEqualTo(JobChanged.Change.TASKS_CANCELLED);
        assertThat(cancelled.taskIds()).containsExactly(job.tasks().get(0));

        action("/api/v1/jobs/" + job.id() + "/tasks/" + job.tasks().get(1) + "/rerun");
        assertThat(job.read(1).get("state").asText()).isEqualTo("queued");
        assertThat(job.read(1).get("agent_id").isNull()).isTrue();
        JobChanged rerun = api.jobEvents().next(job.id());
        assertThat(rerun.change()).isEqualTo(JobChanged.Change.RERUN);
        assertThat(rerun.taskIds()).containsExactly(job.tasks().get(1));

        Job other = submit(1);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/tasks/" + other.tasks().get(0) + "/rerun", "").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/tasks/x/rerun", "").status()).isEqualTo(404);
    }

    @Test
    void pauseAndUnpauseAnnounceOnlyRealChanges() throws Exception {
        Job job = submit(1);
        assertThat(action("/api/v1/jobs/" + job.id() + "/pause").get("state").asText()).isEqualTo("paused");
        assertThat(api.jobEvents().next(job.id()).change()).isEqualTo(JobChanged.Change.PAUSED);
        action("/api/v1/jobs/" + job.id() + "/pause");
        assertThat(action("/api/v1/jobs/" + job.id() + "/unpause").get("state").asText()).isEqualTo("queued");
        assertThat(api.jobEvents().next(job.id()).change()).isEqualTo(JobChanged.Change.UNPAUSED);
        assertThat(api.post("/api/v1/jobs/9876543/pause", "").status()).isEqualTo(404);
    }

    @Test
    void aJobMovesBetweenQueuesByNameOrId() throws Exception {
        Job job = submit(1);
        String name = "move-" + UUID.randomUUID().toString().substring(0, 8);
        ApiServer.Reply queue = api.post("/api/v1/jobqueues/", ApiServer.json(Map.of("name", name)));
        assertThat(queue.status()).as(queue.body()).isEqualTo(201);
        long queueId = queue.json().get("id").asLong();

        JsonNode moved = api.post("/api/v1/jobs/" + job.id() + "/move", ApiServer.json(Map.of("jobqueue", name))).json();
        assertThat(moved.get("jobqueue").asText()).isEqualTo(name);
        assertThat(api.jobEvents().next(job.id()).change()).isEqualTo(JobChanged.Change.UPDATED);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/move", "{\"jobqueue\": null}").json().get("jobqueue").isNull()).isTrue();
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/move", "{\"jobqueue\": \"" + queueId + "\"}").json().get("jobqueue").asText()).isEqualTo(name);

        assertThat(api.post("/api/v1/jobs/" + job.id() + "/move", "{\"jobqueue\": \"no-such-queue\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/move", "{}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/move", "{\"queue\": \"x\"}").status()).isEqualTo(400);
    }

    @Test
    void upgradeMovesAJobToItsJobTypesLatestVersion() throws Exception {
        String jobtype = "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
        String version = ApiServer.json(Map.of("classname", "command", "code", "{\"command\": [\"true\"]}"));
        assertThat(api.post("/api/v1/jobtypes/", ApiServer.json(Map.of("name", jobtype, "classname", "command",
                "code", "{\"command\": [\"true\"]}"))).status()).isEqualTo(201);
        ApiServer.Reply submitted = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "upgrade me", "jobtype", jobtype, "start", 1, "end", 1)));
        long job = submitted.json().get("id").asLong();
        api.jobEvents().next(job);
        assertThat(api.put("/api/v1/jobtypes/" + jobtype, "application/json", version).status()).isIn(200, 201);

        JsonNode upgraded = action("/api/v1/jobs/" + job + "/upgrade");
        assertThat(upgraded.get("jobtype_version").asInt()).isEqualTo(2);
        assertThat(api.jobEvents().next(job).change()).isEqualTo(JobChanged.Change.UPDATED);
        assertThat(action("/api/v1/jobs/" + job + "/upgrade").get("jobtype_version").asInt()).isEqualTo(2);
    }
}
