package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;

import java.time.Instant;
import java.util.UUID;

/**
 * The columns of one task row that reports change, as read under its lock and as the reports of one batch leave
 * them; written back once, however many reports of the task the batch held.
 */
final class TaskRow {

    final long id;
    final long jobId;
    final int jobRequeue;
    final int attempts;
    WorkState state;
    UUID agentId;
    String assignmentId;
    boolean sentToAgent;
    long reportSequence;
    int failures;
    double progress;
    String lastError;
    Instant timeStarted;
    Instant timeFinished;
    Instant lastReportAt;
    Instant stopRequestedAt;
    boolean changed;

    TaskRow(long id, long jobId, int jobRequeue, int attempts) {
        this.id = id;
        this.jobId = jobId;
        this.jobRequeue = jobRequeue;
        this.attempts = attempts;
    }

    ReportEffect.TaskRow decisionView() {
        return new ReportEffect.TaskRow(state, attempts, agentId, reportSequence, failures, jobRequeue);
    }

    /** Applies the effect of one report; PyFarm's rules for times, progress, errors and failures. */
    void apply(ReportEffect effect, TaskReported r, Instant at) {
        switch (effect) {
            case IGNORE -> {
                return;
            }
            case START -> {
                state = WorkState.RUNNING;
                timeStarted = at;
                timeFinished = null;
                progress = r.progress() == null ? 0 : r.progress();
                lastError = null;
            }
            case PROGRESS -> progress = r.progress() == null ? progress : r.progress();
            case FINISH -> {
                state = WorkState.DONE;
                progress = 1;
                lastError = null;
                timeFinished = at;
                timeStarted = timeStarted == null ? at : timeStarted;
            }
            case FAIL_AND_REQUEUE -> {
                failures++;
                lastError = r.lastError();
                timeFinished = at;
                backToQueue();
            }
            case FAIL_FOR_GOOD -> {
                state = WorkState.FAILED;
                failures++;
                lastError = r.lastError();
                timeFinished = at;
            }
            case RELEASE -> {
                lastError = r.lastError();
                backToQueue();
            }
        }
        if (effect.endsAssignment()) {
            // The agent let go of the task: a stop asked of it is answered.
            stopRequestedAt = null;
        }
        reportSequence = r.sequence();
        lastReportAt = at;
        changed = true;
    }

    private void backToQueue() {
        state = WorkState.QUEUED;
        progress = 0;
        agentId = null;
        assignmentId = null;
        sentToAgent = false;
    }
}
