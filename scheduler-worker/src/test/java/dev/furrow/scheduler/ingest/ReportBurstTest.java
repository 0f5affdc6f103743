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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Thousands of tasks finishing at once: applied in batches, while dispatch keeps answering. */
class ReportBurstTest {

    private static final int BURST = 5000;

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @Test
    void aBurstOfDoneReportsIsAllAppliedAndAWorkRequestIsAnsweredDuringTheBurst() {
        // One assignment of 5,000 tasks (this test class has its own database; the seeded cap does not matter).
        db.update("UPDATE jobtype_versions SET max_batch = NULL");
        long big = db.submit(job().title("five thousand frames").frames(1, BURST).batch(BURST));
        SimulatedAgent renderer = farm.onlineAgent("burst-renderer");
        renderer.requestWork();
        AssignTasks assignment = renderer.awaitAssignment();
        assertThat(assignment.tasks()).hasSize(BURST);
        long other = db.submit(job().title("waiting").frames(1, 1).priority(-5));
        SimulatedAgent idle = farm.onlineAgent("burst-idle");

        Instant start = Instant.now();
        int published = 0;
        for (AssignTasks.Task task : assignment.tasks()) {
            renderer.publish(new TaskReported(renderer.id(), big, task.id(), task.attempt(), 1, WorkState.DONE,
                    1.0, null, Instant.now()));
            if (++published == 100) {
                idle.requestWork();
            }
        }
        AssignTasks answered = idle.awaitAssignment();
        Duration answeredAfter = Duration.between(start, Instant.now());

        Await.until("all applied", () -> db.job(big), j -> "done".equals(j.get("state")));
        assertThat(answered.job().id()).isEqualTo(other);
        assertThat(answeredAfter).as("work request answered during the burst").isLessThan(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND state = 'done' AND progress = 1", big))
                .isEqualTo(BURST);
        Map<String, Object> job = db.job(big);
        // Both times come from the worker's clock: the claim was made before the last of the burst was applied.
        assertThat((java.time.LocalDateTime) db.task(answered.tasks().get(0).id()).get("assigned_at"))
                .as("the waiting agent was served before the burst's job finished")
                .isBefore((java.time.LocalDateTime) job.get("time_finished"));
        assertThat(job).containsEntry("completion_notify_sent", true);
        assertThat(db.count("SELECT COUNT(*) FROM parked_messages")).isZero();
    }
}
