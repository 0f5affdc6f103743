package dev.furrow.scheduler.housekeeping;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Stalled tasks (alive agent, silent task) and tasks an agent's heartbeat no longer lists. */
class ReconcileTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of(
            "stalled-task-timeout", "1s", "missing-task-grace", "1s")).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    private static AssignTasks.Task started(SimulatedAgent agent, long jobId) {
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);
        agent.report(task, 1, WorkState.RUNNING, 0.0, null);
        Await.until("task running", () -> db.task(task.id()), t -> "running".equals(t.get("state")));
        return task;
    }

    @Test
    void aTaskSilentForTheStalledTimeoutIsStoppedAndRequeuedAsAFailure() {
        long jobId = db.submit(job().title("hangs").requeue(3));
        SimulatedAgent agent = farm.onlineAgent("rec-stall");
        AssignTasks.Task task = started(agent, jobId);
        Housekeeping housekeeping = farm.bean(Housekeeping.class);

        housekeeping.housekeepOnce();
        agent.expectNothingFor(300);
        Await.sleep(2100);
        agent.heartbeat(List.of(task.id()));
        Await.until("heartbeat applied", () -> db.agent(agent.id()), a -> a.get("last_heard_from") != null);
        housekeeping.housekeepOnce();

        StopTasks stop = agent.awaitStop();
        assertThat(stop.taskIds()).containsExactly(task.id());
        assertThat(stop.reason()).isEqualTo("stalled: no report for 1s");
        Map<String, Object> row = db.task(task.id());
        assertThat(row).containsEntry("failures", 1).containsEntry("last_error", "stalled: no report for 1s");
        assertThat(row.get("state")).isEqualTo("queued");
        assertThat(db.count("SELECT COUNT(*) FROM failed_tasks_in_agents WHERE task_id = ?", task.id())).isOne();
    }

    @Test
    void aStalledTaskOfAJobThatNeverRequeuesFailsTheJob() {
        long jobId = db.submit(job().title("hangs once").requeue(0));
        SimulatedAgent agent = farm.onlineAgent("rec-stall-fail");
        AssignTasks.Task task = started(agent, jobId);

        Await.sleep(2100);
        farm.bean(Housekeeping.class).housekeepOnce();

        assertThat(agent.awaitStop().taskIds()).containsExactly(task.id());
        assertThat(db.task(task.id())).containsEntry("state", "failed").containsEntry("failures", 1);
        assertThat(db.job(jobId)).containsEntry("state", "failed");
    }

    @Test
    void aTaskThatKeepsReportingIsNotStalled() {
        long jobId = db.submit(job().title("slow but alive"));
        SimulatedAgent agent = farm.onlineAgent("rec-alive");
        AssignTasks.Task task = started(agent, jobId);

        for (int sequence = 2; sequence <= 4; sequence++) {
            Await.sleep(500);
            agent.report(task, sequence, WorkState.RUNNING, sequence / 10.0, null);
        }
        Await.until("last progress applied", () -> db.task(task.id()), t -> ((Number) t.get("report_sequence"))
                .longValue() == 4);
        farm.bean(Housekeeping.class).housekeepOnce();

        agent.expectNothingFor(500);
        assertThat(db.task(task.id())).containsEntry("state", "running").containsEntry("failures", 0);
    }

    @Test
    void aRunningTaskMissingFromHeartbeatsIsReleasedAfterTheGraceWithoutAFailure() {
        long jobId = db.submit(job().title("forgotten"));
        SimulatedAgent agent = farm.onlineAgent("rec-missing");
        AssignTasks.Task task = started(agent, jobId);

        agent.heartbeat(List.of(task.id()));
        agent.heartbeat(List.of());
        Await.sleep(500);
        assertThat(db.task(task.id())).as("missing for less than the grace").containsEntry("state", "running");
        Await.sleep(1700);
        agent.heartbeat(List.of());

        // Released, then offered again to the idle agent as a fresh attempt.
        AssignTasks again = agent.awaitAssignment();
        assertThat(again.tasks()).extracting(AssignTasks.Task::id).containsExactly(task.id());
        assertThat(again.tasks().get(0).attempt()).isEqualTo(2);
        assertThat(db.task(task.id())).containsEntry("failures", 0);
    }

    @Test
    void aJustSentAssignmentIsNotTakenBackByAnEarlierHeartbeat() {
        long jobId = db.submit(job().title("on its way"));
        SimulatedAgent agent = farm.onlineAgent("rec-race");
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);

        agent.heartbeat(List.of());
        agent.expectNothingFor(600);
        assertThat(db.task(task.id())).containsEntry("agent_id", agent.id().toString()).containsEntry("attempts", 1);

        Await.sleep(1600);
        agent.heartbeat(List.of());
        Await.sleep(500);
        assertThat(agent.awaitAssignment().tasks().get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aTaskPinnedToAnAgentIsNotTakenBackByHeartbeatsThatDoNotListIt() {
        long jobId = db.submit(job().title("pinned"));
        SimulatedAgent agent = farm.onlineAgent("rec-pinned");
        long task = db.taskIds(jobId).get(0);
        // Pinned long ago, after an earlier attempt (assigned_at is old), and not sent yet.
        db.update("UPDATE tasks SET agent_id = ?, sent_to_agent = FALSE, assigned_at = '2020-01-01' WHERE id = ?",
                agent.id().toString(), task);

        agent.heartbeat(List.of());
        Await.until("heartbeat applied", () -> db.agent(agent.id()), a -> a.get("last_heard_from") != null);
        Await.sleep(300);

        assertThat(db.task(task)).containsEntry("agent_id", agent.id().toString())
                .containsEntry("sent_to_agent", false);
    }
}
