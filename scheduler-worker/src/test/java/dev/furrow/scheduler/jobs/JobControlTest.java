package dev.furrow.scheduler.jobs;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class JobControlTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of("housekeeping-interval", "300ms")).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @Test
    void pausingAJobStopsItsTasksOnEveryAgentRunningThem() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent a = farm.onlineAgent("c-pause1");
        SimulatedAgent b = farm.onlineAgent("c-pause2");
        AssignTasks.Task taskA = farm.startsWork(a);
        AssignTasks.Task taskB = farm.startsWork(b);

        db.update("UPDATE jobs SET state = 'paused' WHERE id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.PAUSED, List.of());

        StopTasks stopA = a.awaitStop();
        assertThat(stopA.taskIds()).containsExactly(taskA.id());
        assertThat(stopA.reason()).contains("paused");
        assertThat(b.awaitStop().taskIds()).containsExactly(taskB.id());

        a.report(taskA, 2, WorkState.QUEUED, null, "stopped: " + stopA.reason());
        Await.until("released", () -> db.task(taskA.id()), t -> t.get("agent_id") == null);
        a.requestWork();
        a.expectNothingFor(700);
        assertThat(db.job(jobId)).containsEntry("state", "paused");
    }

    @Test
    void aDeletedJobIsStoppedAndRemovedWithItsLogsOnceNothingOfItRuns() throws Exception {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent agent = farm.onlineAgent("c-delete");
        AssignTasks.Task task = farm.startsWork(agent);
        String log = "2026-11-23_16-05-00_" + jobId + "_0123456789abcdef0123456789abcdef.csv";
        agent.logLines(jobId, List.of(task.id()), 1, log, 1, "2026-11-23T16:05:00Z,0,1,1,hello\n", false);
        Await.until("log stored", () -> Files.exists(farm.tasklogs().resolve(log)), Boolean::booleanValue);

        db.update("UPDATE jobs SET to_be_deleted = TRUE WHERE id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.DELETED, List.of());

        assertThat(agent.awaitStop().taskIds()).containsExactly(task.id());
        Await.sleep(700);
        assertThat(db.job(jobId)).as("kept while its task runs").isNotNull();

        agent.report(task, 2, WorkState.QUEUED, null, "stopped: job deleted");

        Await.until("job removed", () -> db.job(jobId), Objects::isNull);
        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ?", jobId)).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM task_logs WHERE identifier = ?", log)).isZero();
        assertThat(Files.exists(farm.tasklogs().resolve(log))).isFalse();
    }

    @Test
    void cancellingTasksStopsOnlyThoseTasks() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent a = farm.onlineAgent("c-cancel1");
        SimulatedAgent b = farm.onlineAgent("c-cancel2");
        AssignTasks.Task taskA = farm.startsWork(a);
        farm.startsWork(b);

        farm.jobChanged(jobId, JobChanged.Change.TASKS_CANCELLED, List.of(taskA.id()));

        assertThat(a.awaitStop().taskIds()).containsExactly(taskA.id());
        b.expectNothingFor(700);
    }

    @Test
    void tasksRemovedFromAShrunkJobAreStoppedOnWhicheverAgentRunsThem() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent agent = farm.onlineAgent("c-shrink");
        AssignTasks.Task task = farm.startsWork(agent);

        // The api-server deletes the tasks outside the new frame range, then publishes UPDATED naming them.
        db.update("DELETE FROM tasks WHERE id = ?", task.id());
        farm.jobChanged(jobId, JobChanged.Change.UPDATED, List.of(task.id()));

        StopTasks stop = agent.awaitStop();
        assertThat(stop.taskIds()).containsExactly(task.id());
        assertThat(stop.reason()).isEqualTo("tasks removed from job " + jobId);
    }
}
