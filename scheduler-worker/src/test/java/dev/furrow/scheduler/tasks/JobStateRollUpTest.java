package dev.furrow.scheduler.tasks;

import dev.furrow.messages.WorkState;
import org.junit.jupiter.api.Test;

import static dev.furrow.messages.WorkState.DONE;
import static dev.furrow.messages.WorkState.FAILED;
import static dev.furrow.messages.WorkState.PAUSED;
import static dev.furrow.messages.WorkState.QUEUED;
import static dev.furrow.messages.WorkState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

class JobStateRollUpTest {

    static WorkState next(WorkState current, boolean running, boolean unfinished, boolean failed) {
        return JobStateRollUp.next(current, new JobStateRollUp.TaskSummary(running, unfinished, failed));
    }

    @Test
    void aJobRunsOnceAnyTaskRuns() {
        assertThat(next(QUEUED, true, true, false)).isEqualTo(RUNNING);
    }

    @Test
    void aJobIsDoneWhenEveryTaskIsDoneAndFailedWhenOneFailedForGood() {
        assertThat(next(RUNNING, false, false, false)).isEqualTo(DONE);
        assertThat(next(RUNNING, false, false, true)).isEqualTo(FAILED);
    }

    @Test
    void aRunningJobStaysRunningBetweenAssignments() {
        assertThat(next(RUNNING, false, true, false)).isEqualTo(RUNNING);
        assertThat(next(QUEUED, false, true, true)).isEqualTo(QUEUED);
    }

    @Test
    void aFinishedJobWithUnfinishedTasksAgainIsQueued() {
        assertThat(next(DONE, false, true, false)).isEqualTo(QUEUED);
        assertThat(next(FAILED, false, true, true)).isEqualTo(QUEUED);
    }

    @Test
    void aPausedJobStaysPaused() {
        assertThat(next(PAUSED, true, true, false)).isEqualTo(PAUSED);
    }
}
