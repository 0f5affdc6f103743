package dev.furrow.scheduler.tasks;

import dev.furrow.messages.WorkState;

/**
 * The job state its tasks imply. PyFarm: a job runs once any task runs, is done when every task is done and
 * failed when every task is done or failed and at least one failed for good. A finished job with unfinished
 * tasks again (rerun) is queued; otherwise a job keeps its state between assignments.
 */
public final class JobStateRollUp {

    private JobStateRollUp() {
    }

    /** What the tasks of the job look like right now. */
    public record TaskSummary(boolean anyRunning, boolean anyUnfinished, boolean anyFailed) {
    }

    public static WorkState next(WorkState current, TaskSummary tasks) {
        if (current == WorkState.PAUSED) {
            return WorkState.PAUSED;
        }
        if (!tasks.anyUnfinished()) {
            return tasks.anyFailed() ? WorkState.FAILED : WorkState.DONE;
        }
        if (tasks.anyRunning()) {
            return WorkState.RUNNING;
        }
        return current.isFinished() ? WorkState.QUEUED : current;
    }
}
