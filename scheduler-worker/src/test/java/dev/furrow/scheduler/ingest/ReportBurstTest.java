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

/** A thousand tasks finishing at once: applied in batches, while dispatch keeps answering. */
class ReportBurstTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @Test
    void aThousandDoneReportsAreAllAppliedAndAWorkRequestIsAnsweredDuringTheBurst() {
        // One assignment of 1,000 tasks (this test class has its own database; the seeded cap does not matter).
        db.update("UPDATE jobtype_versions SET max_batch = NULL");
        long big = db.submit(job().title("a thousand frames").frames(1, 1000).batch(1000));
        SimulatedAgent renderer = farm.onlineAgent("burst-renderer");
        renderer.requestWork();
        AssignTasks assignment = renderer.awaitAssignment();
        assertThat(assignment.tasks()).hasSize(1000);
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
        long doneWhenAnswered = db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND state = 'done'", big);

        Await.until("all applied", () -> db.job(big), j -> "done".equals(j.get("state")));
        assertThat(answered.job().id()).isEqualTo(other);
        assertThat(answeredAfter).as("work request answered during the burst").isLessThan(Duration.ofSeconds(10));
        assertThat(doneWhenAnswered).as("done reports applied when the work request was answered").isLessThan(1000);
        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND state = 'done' AND progress = 1", big))
                .isEqualTo(1000);
        Map<String, Object> job = db.job(big);
        assertThat(job.get("time_finished")).isNotNull();
        assertThat(job).containsEntry("completion_notify_sent", true);
        assertThat(db.count("SELECT COUNT(*) FROM parked_messages")).isZero();
    }
}
