package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Map;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class TaskReportTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    private static Map<String, Object> awaitTask(long taskId, String state) {
        return Await.until("task " + taskId + " " + state, () -> db.task(taskId), t -> state.equals(t.get("state")));
    }

    @Test
    void runningProgressAndDoneMoveTaskJobAndAgentAlong() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent agent = farm.onlineAgent("r-life");
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);

        agent.report(task, 1, WorkState.RUNNING, 0.0, null);
        assertThat(awaitTask(task.id(), "running").get("time_started")).isNotNull();
        Map<String, Object> job = Await.until("job running", () -> db.job(jobId), j -> "running".equals(j.get("state")));
        assertThat(job.get("time_started")).isNotNull();

        agent.report(task, 2, WorkState.RUNNING, 0.5, null);
        Await.until("progress", () -> db.task(task.id()), t -> ((Number) t.get("progress")).doubleValue() == 0.5);

        agent.report(task, 3, WorkState.DONE, 1.0, null);
        Map<String, Object> done = awaitTask(task.id(), "done");
        assertThat(((Number) done.get("progress")).doubleValue()).isEqualTo(1.0);
        assertThat(done.get("time_finished")).isNotNull();
        assertThat(db.job(jobId)).containsEntry("state", "running");
        assertThat(db.agent(agent.id()).get("last_success_on")).isNotNull();

        agent.requestWork();
        AssignTasks.Task second = agent.awaitAssignment().tasks().get(0);
        agent.completes(jobId, second);
        Map<String, Object> finished = Await.until("job done", () -> db.job(jobId), j -> "done".equals(j.get("state")));
        assertThat(finished.get("time_finished")).isNotNull();
    }

    @Test
    void reportsTravellingInOneMessageAreAppliedInOrderAndTheWorkRequestAnswered() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent agent = farm.onlineAgent("r-together");
        agent.requestWork();
        AssignTasks.Task first = agent.awaitAssignment().tasks().get(0);

        agent.completesAndAsksForMoreTogether(jobId, first);

        AssignTasks.Task second = agent.awaitAssignment().tasks().get(0);
        assertThat(second.id()).isNotEqualTo(first.id());
        Map<String, Object> done = awaitTask(first.id(), "done");
        assertThat(done.get("time_started")).isNotNull();
        assertThat(done).containsEntry("report_sequence", 2L);
    }

    @Test
    void duplicateStaleAndForeignReportsChangeNothing() {
        db.submit(job().frames(1, 1));
        SimulatedAgent agent = farm.onlineAgent("r-dup");
        SimulatedAgent stranger = farm.onlineAgent("r-stranger");
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);
        agent.report(task, 1, WorkState.RUNNING, 0.0, null);
        agent.report(task, 2, WorkState.RUNNING, 0.5, null);
        Await.until("progress", () -> db.task(task.id()), t -> ((Number) t.get("progress")).doubleValue() == 0.5);

        agent.report(task, 2, WorkState.RUNNING, 0.9, null);                       // redelivered sequence
        agent.report(task, 1, WorkState.FAILED, null, "late");                      // older sequence
        agent.publish(new TaskReported(agent.id(), 0, task.id(), 7, 9, WorkState.DONE, 1.0, null, Instant.now()));
        stranger.publish(new TaskReported(stranger.id(), 0, task.id(), 1, 9, WorkState.DONE, 1.0, null, Instant.now()));
        agent.report(task, 3, WorkState.RUNNING, 0.6, null);                        // a real one, applied last

        Map<String, Object> row = Await.until("last progress", () -> db.task(task.id()),
                t -> Math.abs(((Number) t.get("progress")).doubleValue() - 0.6) < 1e-6);
        assertThat(row).containsEntry("state", "running").containsEntry("failures", 0)
                .containsEntry("report_sequence", 3L).containsEntry("last_error", null);
    }

    @Test
    void failedTasksAreRequeuedUntilTheJobsRetriesRunOut() {
        long jobId = db.submit(job().frames(1, 1).requeue(1));
        SimulatedAgent agent = farm.onlineAgent("r-fail");
        agent.requestWork();
        AssignTasks.Task first = agent.awaitAssignment().tasks().get(0);

        agent.fails(jobId, first);
        Map<String, Object> requeued = Await.until("requeued", () -> db.task(first.id()),
                t -> Integer.valueOf(1).equals(t.get("failures")));
        assertThat(requeued).containsEntry("state", "queued").containsEntry("agent_id", null)
                .containsEntry("last_error", "process exited with code 3");
        assertThat(db.count("SELECT COUNT(*) FROM failed_tasks_in_agents WHERE task_id = ? AND agent_id = ?",
                first.id(), agent.id().toString())).isEqualTo(1);

        agent.requestWork(); // the only agent, so it may retry the task it failed
        AssignTasks.Task second = agent.awaitAssignment().tasks().get(0);
        assertThat(second.attempt()).isEqualTo(2);
        agent.fails(jobId, second);

        Map<String, Object> failed = awaitTask(first.id(), "failed");
        assertThat(failed).containsEntry("failures", 2).containsEntry("agent_id", agent.id().toString());
        Map<String, Object> job = Await.until("job failed", () -> db.job(jobId), j -> "failed".equals(j.get("state")));
        assertThat(job.get("time_finished")).isNotNull();
    }

    @Test
    void requeueZeroFailsATaskAtOnceAndMinusOneRetriesForever() {
        long never = db.submit(job().title("never").priority(1).frames(1, 1).requeue(0));
        long forever = db.submit(job().title("forever").frames(1, 1).requeue(-1));
        SimulatedAgent agent = farm.onlineAgent("r-requeue");

        agent.requestWork();
        AssignTasks a = agent.awaitAssignment();
        assertThat(a.job().id()).isEqualTo(never);
        agent.fails(never, a.tasks().get(0));
        awaitTask(a.tasks().get(0).id(), "failed");

        for (int attempt = 1; attempt <= 4; attempt++) {
            agent.requestWork();
            AssignTasks b = agent.awaitAssignment();
            assertThat(b.job().id()).isEqualTo(forever);
            agent.fails(forever, b.tasks().get(0));
            int failures = attempt;
            Await.until("failure " + attempt, () -> db.task(b.tasks().get(0).id()),
                    t -> Integer.valueOf(failures).equals(t.get("failures")));
        }
        assertThat(db.job(forever)).isNotIn("failed");
        assertThat(db.task(db.taskIds(forever).get(0))).containsEntry("state", "queued");
    }

    @Test
    void aTaskStoppedByTheMasterGoesBackToTheQueueWithoutAFailure() {
        db.submit(job().frames(1, 1));
        SimulatedAgent agent = farm.onlineAgent("r-stop");
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);
        agent.report(task, 1, WorkState.RUNNING, 0.2, null);
        awaitTask(task.id(), "running");

        agent.report(task, 2, WorkState.QUEUED, null, "stopped: job paused");

        Map<String, Object> row = Await.until("released", () -> db.task(task.id()),
                t -> "queued".equals(t.get("state")) && t.get("agent_id") == null);
        assertThat(row).containsEntry("failures", 0).containsEntry("last_error", "stopped: job paused");
    }

    @Test
    void aRejectedAssignmentReleasesItsTasksAndUndoesTheAttempt() {
        long jobId = db.submit(job().jobtype("blender").frames(1, 3).batch(3));
        SimulatedAgent agent = farm.onlineAgent("r-reject");
        agent.requestWork();
        AssignTasks assignment = agent.awaitAssignment();

        agent.rejects(assignment, "busy");
        agent.rejects(assignment, "busy"); // a redelivery must not undo another attempt

        for (long taskId : db.taskIds(jobId)) {
            Await.until("released " + taskId, () -> db.task(taskId), t -> t.get("agent_id") == null);
            assertThat(db.task(taskId)).containsEntry("attempts", 0).containsEntry("state", "queued")
                    .containsEntry("assignment_id", null);
        }
        agent.requestWork();
        assertThat(agent.awaitAssignment().tasks()).allSatisfy(t -> assertThat(t.attempt()).isEqualTo(1));
    }
}
