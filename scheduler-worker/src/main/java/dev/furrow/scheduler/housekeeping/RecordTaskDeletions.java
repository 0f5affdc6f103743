package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Sql;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Notes deleted tasks in {@code task_deletions}, one row per deletion with the job's queue, for the next
 * task_event_counts sample ({@link SampleStatistics} adds them to num_deleted and removes the rows). A row per
 * deletion rather than per task: deleting a 100,000-task job costs one count, not 100,000 writes. Each deletion is
 * named, so noting it twice (a redelivered job event) counts it once. With statistics off nothing is noted, so
 * nothing piles up undrained.
 */
@Singleton
public final class RecordTaskDeletions {

    private final boolean enabled;

    public RecordTaskDeletions(SchedulerConfig config) {
        this.enabled = config.upkeep().statisticsEnabled();
    }

    /** The tasks of a job about to be deleted; inside the deleting transaction. */
    public void jobDeleted(Connection c, long jobId, Instant now) throws SQLException {
        if (!enabled) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT IGNORE INTO task_deletions (event, job_queue_id, num_tasks, deleted_at)
                SELECT ?, j.job_queue_id, n.tasks, ? FROM jobs j
                  JOIN (SELECT COUNT(*) AS tasks FROM tasks WHERE job_id = ?) n ON n.tasks > 0
                 WHERE j.id = ?""")) {
            s.setString(1, "job " + jobId + " deleted");
            Sql.setInstant(s, 2, now);
            s.setLong(3, jobId);
            s.setLong(4, jobId);
            s.executeUpdate();
        }
    }

    /**
     * Tasks the api-server deleted from a job when its frame range shrank, noted when the job event naming them
     * (published at {@code eventAt}) is handled. The queue is the job's (none if the job is gone meanwhile).
     */
    public void tasksRemoved(Connection c, long jobId, int tasks, Instant eventAt, Instant now) throws SQLException {
        if (!enabled || tasks == 0) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT IGNORE INTO task_deletions (event, job_queue_id, num_tasks, deleted_at)
                VALUES (?, (SELECT job_queue_id FROM jobs WHERE id = ?), ?, ?)""")) {
            s.setString(1, "job " + jobId + " tasks removed at " + (eventAt == null ? now : eventAt));
            s.setLong(2, jobId);
            s.setInt(3, tasks);
            Sql.setInstant(s, 4, now);
            s.executeUpdate();
        }
    }
}
