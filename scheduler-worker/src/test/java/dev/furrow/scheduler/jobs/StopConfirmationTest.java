package dev.furrow.scheduler.jobs;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import dev.furrow.scheduler.housekeeping.Housekeeping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

/** A stop sent to an agent waits for the agent's confirmation, for at most the stop-confirm timeout. */
class StopConfirmationTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of("stop-confirm-timeout", "2s"))
            .emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    private static void housekeepAfterTheTimeout() {
        Await.sleep(2100);
        farm.bean(Housekeeping.class).housekeepOnce();
    }

    @Test
    void aStopTheAgentConfirmsIsForgottenWithTheRelease() {
        long jobId = db.submit(job().frames(1, 1));
        SimulatedAgent agent = farm.onlineAgent("stop-confirmed");
        AssignTasks.Task task = farm.startsWork(agent);

        db.update("UPDATE jobs SET state = 'paused' WHERE id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.PAUSED, List.of());
        StopTasks stop = agent.awaitStop();
        assertThat(db.task(task.id()).get("stop_requested_at")).as("stop awaiting confirmation").isNotNull();
        agent.report(task, 2, WorkState.QUEUED, null, "stopped: " + stop.reason());

        Map<String, Object> released = Await.until("released", () -> db.task(task.id()),
                t -> t.get("agent_id") == null);
        assertThat(released.get("stop_requested_at")).isNull();
        housekeepAfterTheTimeout();
        agent.expectNothingFor(300);
        assertThat(db.task(task.id())).containsEntry("last_error", "stopped: " + stop.reason());
    }

    @Test
    void aTaskFinishedBeforeTheStopArrivedConfirmsIt() {
        long jobId = db.submit(job().frames(1, 1));
        SimulatedAgent agent = farm.onlineAgent("stop-overtaken");
        AssignTasks.Task task = farm.startsWork(agent);

        farm.jobChanged(jobId, JobChanged.Change.TASKS_CANCELLED, List.of(task.id()));
        agent.awaitStop();
        agent.report(task, 2, WorkState.DONE, 1.0, null);

        Map<String, Object> done = Await.until("done", () -> db.task(task.id()), t -> "done".equals(t.get("state")));
        assertThat(done.get("stop_requested_at")).isNull();
    }

    @Test
    void aStopNeverConfirmedPutsTheTaskBackInTheQueueWithoutAFailureAfterTheTimeout() {
        long jobId = db.submit(job().frames(1, 1).requeue(0));
        SimulatedAgent agent = farm.onlineAgent("stop-lost");
        AssignTasks.Task task = farm.startsWork(agent);

        farm.jobChanged(jobId, JobChanged.Change.TASKS_CANCELLED, List.of(task.id()));
        assertThat(agent.awaitStop().signal()).isEqualTo(StopTasks.Signal.TERM);
        farm.bean(Housekeeping.class).housekeepOnce();
        assertThat(db.task(task.id()).get("agent_id")).as("held until the timeout").isEqualTo(agent.id().toString());

        housekeepAfterTheTimeout();

        Map<String, Object> row = db.task(task.id());
        assertThat(row.get("agent_id")).isNull();
        assertThat(row).containsEntry("state", "queued").containsEntry("failures", 0).containsEntry("attempts", 1)
                .containsEntry("last_error", "stop not confirmed by the agent within 2s");
        assertThat(row.get("stop_requested_at")).isNull();
        StopTasks again = agent.awaitStop();
        assertThat(again.taskIds()).containsExactly(task.id());
        assertThat(again.signal()).isEqualTo(StopTasks.Signal.KILL);
        AssignTasks rerun = agent.awaitAssignment();
        assertThat(rerun.tasks()).extracting(AssignTasks.Task::id).containsExactly(task.id());
        assertThat(rerun.tasks().get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aDeletedJobWaitsForTheStopUntilTheTimeout() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent agent = farm.onlineAgent("stop-delete");
        farm.startsWork(agent);

        db.update("UPDATE jobs SET to_be_deleted = TRUE WHERE id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.DELETED, List.of());
        agent.awaitStop();
        farm.bean(Housekeeping.class).housekeepOnce();
        assertThat(db.job(jobId)).as("kept while the stop may still be confirmed").isNotNull();

        housekeepAfterTheTimeout();

        assertThat(db.job(jobId)).isNull();
    }

    @Test
    void aStopAskedOfAnEarlierAssignmentDoesNotTouchTheNextOne() {
        long jobId = db.submit(job().frames(1, 1));
        SimulatedAgent first = farm.onlineAgent("stop-earlier");
        AssignTasks.Task task = farm.startsWork(first);
        db.update("UPDATE jobs SET state = 'paused' WHERE id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.PAUSED, List.of());
        first.awaitStop();
        // The agent goes away before confirming; its tasks are released, the note of the stop stays behind.
        first.goesOffline();
        Await.until("released", () -> db.task(task.id()), t -> t.get("agent_id") == null);
        db.update("UPDATE jobs SET state = 'queued' WHERE id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.UNPAUSED, List.of());
        SimulatedAgent second = farm.onlineAgent("stop-later");
        AssignTasks.Task rerun = farm.startsWork(second);
        assertThat(rerun.id()).isEqualTo(task.id());

        housekeepAfterTheTimeout();

        Map<String, Object> row = db.task(task.id());
        assertThat(row).containsEntry("state", "running").containsEntry("agent_id", second.id().toString());
        assertThat(row.get("stop_requested_at")).as("the stale note is cleared").isNull();
        second.expectNothingFor(300);
    }
}
