package dev.furrow.agent.reporting;

import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Reports the life of one task attempt with a growing sequence: running (1), throttled progress, then one final
 * state. Progress is sent at most every {@link #PROGRESS_INTERVAL} and only when it moved.
 */
public final class AttemptReporter {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(AttemptReporter.class);

    private final Reports reports;
    private final UUID agentId;
    private final long jobId;
    private final long taskId;
    private final int attempt;
    private long sequence;
    private double lastProgress = -1;
    private Instant lastProgressAt = Instant.EPOCH;
    private boolean started;
    private boolean finished;

    public AttemptReporter(Reports reports, UUID agentId, long jobId, long taskId, int attempt) {
        this.reports = reports;
        this.agentId = agentId;
        this.jobId = jobId;
        this.taskId = taskId;
        this.attempt = attempt;
    }

    public long taskId() {
        return taskId;
    }

    /** The attempt started (sent once). */
    public synchronized void running() {
        if (!started) {
            started = true;
            send(WorkState.RUNNING, 0.0, null);
        }
    }

    public synchronized void progress(double progress) {
        Instant now = Instant.now();
        double clamped = Math.max(0, Math.min(1, progress));
        if (finished || clamped <= lastProgress || now.isBefore(lastProgressAt.plus(PROGRESS_INTERVAL))) {
            return;
        }
        lastProgress = clamped;
        lastProgressAt = now;
        // Progress is advisory: while reports wait for the broker it is dropped (the next report supersedes it).
        if (!reports.offer(next(WorkState.RUNNING, clamped, null))) {
            LOG.debug("progress of task {} not reported: reports wait for the broker", taskId);
        }
    }

    public synchronized void done() {
        finish(WorkState.DONE, 1.0, null);
    }

    public synchronized void failed(String lastError) {
        finish(WorkState.FAILED, null, lastError);
    }

    /** No longer running here and not failed: PyFarm's "stopped", the master puts the task back in the queue. */
    public synchronized void stopped(String reason) {
        finish(WorkState.QUEUED, null, "stopped: " + reason);
    }

    private void finish(WorkState state, Double progress, String lastError) {
        if (!finished) {
            send(state, progress, lastError);
            finished = true;
        }
    }

    private void send(WorkState state, Double progress, String lastError) {
        reports.send(next(state, progress, lastError));
    }

    private TaskReported next(WorkState state, Double progress, String lastError) {
        return new TaskReported(agentId, jobId, taskId, attempt, ++sequence, state, progress, lastError, Instant.now());
    }
}
