package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.tasks.FailTask;

import java.util.Objects;
import java.util.UUID;

/** What one {@link TaskReported} does to its task, decided from the task's current row alone. */
enum ReportEffect {
    /** Another attempt, another agent, or a sequence already applied: change nothing. */
    IGNORE,
    START,
    PROGRESS,
    FINISH,
    FAIL_AND_REQUEUE,
    FAIL_FOR_GOOD,
    /** The agent stopped the task because the master asked it to: back to the queue, no failure. */
    RELEASE;

    /** Whether the task stops holding its assignment (and so any limit it held): finished, failed or released. */
    boolean endsAssignment() {
        return this == FINISH || this == FAIL_AND_REQUEUE || this == FAIL_FOR_GOOD || this == RELEASE;
    }

    /** The parts of the task row the decision needs. */
    record TaskRow(WorkState state, int attempts, UUID agentId, long reportSequence, int failures, int jobRequeue) {
    }

    static ReportEffect of(TaskRow task, TaskReported report) {
        boolean current = report.attempt() == task.attempts()
                && Objects.equals(report.agentId(), task.agentId())
                && report.sequence() > task.reportSequence();
        if (!current || report.state() == null || task.state().isFinished()) {
            return IGNORE;
        }
        return switch (report.state()) {
            case RUNNING -> task.state() == WorkState.RUNNING ? PROGRESS : START;
            case DONE -> FINISH;
            case FAILED -> requeues(task.failures() + 1, task.jobRequeue()) ? FAIL_AND_REQUEUE : FAIL_FOR_GOOD;
            case QUEUED, PAUSED -> RELEASE;
        };
    }

    /** PyFarm: requeue -1 retries forever, 0 never, n up to n times. */
    static boolean requeues(int failures, int requeue) {
        return FailTask.requeues(failures, requeue);
    }
}
