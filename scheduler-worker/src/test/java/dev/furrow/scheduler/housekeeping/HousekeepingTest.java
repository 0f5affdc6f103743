package dev.furrow.scheduler.housekeeping;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of(
            "agent-offline-timeout", "2s", "housekeeping-interval", "300ms", "sweep-interval", "500ms"))
            .emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @Test
    void aSilentAgentGoesOfflineAndItsTasksGoBackWithoutCountingFailures() {
        long jobId = db.submit(job().jobtype("blender").frames(1, 2).batch(2));
        SimulatedAgent agent = farm.agent("h-silent").announce();
        agent.requestWork();
        AssignTasks assignment = agent.awaitAssignment();
        agent.report(assignment.tasks().get(0), 1, WorkState.RUNNING, 0.3, null);
        Await.until("running", () -> db.task(assignment.tasks().get(0).id()), t -> "running".equals(t.get("state")));

        Await.until("agent offline", () -> db.agent(agent.id()), a -> "offline".equals(a.get("state")));

        for (long taskId : db.taskIds(jobId)) {
            assertThat(db.task(taskId)).containsEntry("state", "queued").containsEntry("agent_id", null)
                    .containsEntry("failures", 0);
        }
    }

    @Test
    void anAgentThatKeepsSendingHeartbeatsStaysOnline() {
        SimulatedAgent agent = farm.onlineAgent("h-alive");
        for (int i = 0; i < 7; i++) {
            agent.heartbeat();
            Await.sleep(500);
        }
        assertThat(db.agent(agent.id())).containsEntry("state", "online");
    }

    @Test
    void theSweepHandsOutWorkThatNoEventAnnounced() {
        SimulatedAgent agent = farm.onlineAgent("h-sweep");
        long jobId = db.submit(job().frames(1, 1)); // no JobChanged, no WorkRequested

        assertThat(agent.awaitAssignment().job().id()).isEqualTo(jobId);
    }

    @Test
    void tasksOfAnAgentThatWentAwayAreHandedToAnotherAgent() {
        db.submit(job().frames(1, 1));
        SimulatedAgent leaving = farm.agent("h-leaving").announce();
        leaving.requestWork();
        AssignTasks.Task task = leaving.awaitAssignment().tasks().get(0);
        SimulatedAgent staying = farm.onlineAgent("h-staying");

        leaving.goesOffline();

        AssignTasks.Task handedOver = staying.awaitAssignment().tasks().get(0);
        assertThat(handedOver.id()).isEqualTo(task.id());
        assertThat(handedOver.attempt()).isEqualTo(2);
    }
}
