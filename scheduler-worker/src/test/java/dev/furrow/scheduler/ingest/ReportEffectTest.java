package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportEffectTest {

    static final UUID AGENT = UUID.randomUUID();

    static ReportEffect.TaskRow task(WorkState state, int failures, int requeue) {
        return new ReportEffect.TaskRow(state, 2, AGENT, 1, failures, requeue);
    }

    static TaskReported report(UUID agent, int attempt, long sequence, WorkState state) {
        return new TaskReported(agent, 1, 7, attempt, sequence, state, null, null, Instant.now());
    }

    @Test
    void reportsOfAnotherAttemptAgentOrAnOldSequenceAreIgnored() {
        var running = task(WorkState.RUNNING, 0, 3);
        assertThat(ReportEffect.of(running, report(AGENT, 1, 5, WorkState.DONE))).isEqualTo(ReportEffect.IGNORE);
        assertThat(ReportEffect.of(running, report(UUID.randomUUID(), 2, 5, WorkState.DONE))).isEqualTo(ReportEffect.IGNORE);
        assertThat(ReportEffect.of(running, report(AGENT, 2, 1, WorkState.DONE))).isEqualTo(ReportEffect.IGNORE);
        assertThat(ReportEffect.of(running, report(AGENT, 2, 2, WorkState.DONE))).isEqualTo(ReportEffect.FINISH);
    }

    @Test
    void aFinishedTaskIgnoresFurtherReports() {
        assertThat(ReportEffect.of(task(WorkState.DONE, 0, 3), report(AGENT, 2, 9, WorkState.RUNNING)))
                .isEqualTo(ReportEffect.IGNORE);
    }

    @Test
    void runningStartsAQueuedTaskAndIsProgressForARunningOne() {
        assertThat(ReportEffect.of(task(WorkState.QUEUED, 0, 3), report(AGENT, 2, 2, WorkState.RUNNING)))
                .isEqualTo(ReportEffect.START);
        assertThat(ReportEffect.of(task(WorkState.RUNNING, 0, 3), report(AGENT, 2, 2, WorkState.RUNNING)))
                .isEqualTo(ReportEffect.PROGRESS);
    }

    @Test
    void failuresRequeueWhileTheJobAllowsIt() {
        assertThat(ReportEffect.of(task(WorkState.RUNNING, 0, 1), report(AGENT, 2, 2, WorkState.FAILED)))
                .isEqualTo(ReportEffect.FAIL_AND_REQUEUE);
        assertThat(ReportEffect.of(task(WorkState.RUNNING, 1, 1), report(AGENT, 2, 2, WorkState.FAILED)))
                .isEqualTo(ReportEffect.FAIL_FOR_GOOD);
        assertThat(ReportEffect.of(task(WorkState.RUNNING, 0, 0), report(AGENT, 2, 2, WorkState.FAILED)))
                .isEqualTo(ReportEffect.FAIL_FOR_GOOD);
        assertThat(ReportEffect.of(task(WorkState.RUNNING, 99, -1), report(AGENT, 2, 2, WorkState.FAILED)))
                .isEqualTo(ReportEffect.FAIL_AND_REQUEUE);
    }

    @Test
    void aQueuedReportReleasesTheTask() {
        assertThat(ReportEffect.of(task(WorkState.RUNNING, 0, 3), report(AGENT, 2, 2, WorkState.QUEUED)))
                .isEqualTo(ReportEffect.RELEASE);
    }
}
