package dev.furrow.api.tasks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** PyFarm's task rules, without a database. */
class TaskTransitionTest {

    static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-01-01T11:00:00Z");
    static final UUID AGENT = UUID.randomUUID();

    static TaskTransition.TaskValues task(String state, int attempts, int failures) {
        return new TaskTransition.TaskValues(state, attempts, failures, 0.3, AGENT, "old error", false, EARLIER, null);
    }

    static TaskChange state(String state) {
        return new TaskChange(Optional.of(state), Optional.empty(), Optional.empty(), false, null, Optional.empty());
    }

    @Test
    void enteringRunningIsANewAttempt() {
        var outcome = TaskTransition.apply(task("queued", 2, 0), state("running"), 3, NOW);
        assertThat(outcome.task().attempts()).isEqualTo(3);
        assertThat(outcome.task().timeStarted()).isEqualTo(NOW);
        assertThat(TaskTransition.apply(task("running", 2, 0), state("running"), 3, NOW).task().attempts()).isEqualTo(2);
    }

    @Test
    void failingRequeuesWhileRetriesRemainAndRemembersTheAgent() {
        var retried = TaskTransition.apply(task("running", 1, 0), state("failed"), 1, NOW);
        assertThat(retried.task().state()).isEqualTo("queued");
        assertThat(retried.task().agentId()).isNull();
        assertThat(retried.task().failures()).isEqualTo(1);
        assertThat(retried.failedOnAgent()).isEqualTo(AGENT);

        var final_ = TaskTransition.apply(task("running", 2, 1), state("failed"), 1, NOW);
        assertThat(final_.task().state()).isEqualTo("failed");
        assertThat(final_.task().timeFinished()).isEqualTo(NOW);
        assertThat(TaskTransition.apply(task("running", 1, 0), state("failed"), 0, NOW).task().state()).as("requeue 0 = never").isEqualTo("failed");
        assertThat(TaskTransition.apply(task("running", 9, 50), state("failed"), -1, NOW).task().state()).as("requeue -1 = forever").isEqualTo("queued");
    }

    @Test
    void doneCompletesProgressAndClearsTheError() {
        var done = TaskTransition.apply(task("running", 1, 0), state("done"), 3, NOW).task();
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.lastError()).isNull();
        assertThat(done.timeFinished()).isEqualTo(NOW);
    }

    @Test
    void backToTheQueueResetsTheTimes() {
        var queued = TaskTransition.apply(task("running", 1, 0), state("queued"), 3, NOW).task();
        assertThat(queued.timeStarted()).isNull();
        assertThat(queued.timeFinished()).isNull();
    }
}
