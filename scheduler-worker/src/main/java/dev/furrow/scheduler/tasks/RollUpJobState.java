package dev.furrow.scheduler.tasks;

import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Recomputes a job's state and times after some of its tasks changed. The caller holds the job row lock
 * ({@link LockJobs}) so that two transactions finishing the last two tasks cannot both miss the other's change.
 * Uses EXISTS probes on ix_tasks_job_state, so a 100,000-task job costs three index look-ups, not a count.
 */
public final class RollUpJobState {

    private RollUpJobState() {
    }

    /** Returns whether the job became done or failed just now. */
    public static boolean apply(Connection c, long jobId, Instant now) throws SQLException {
        WorkState current;
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM jobs WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                current = WorkState.fromWireName(rs.getString(1));
            }
        }
        var summary = new JobStateRollUp.TaskSummary(
                exists(c, jobId, "'running'"),
                exists(c, jobId, "'queued','running','paused'"),
                exists(c, jobId, "'failed'"));
        WorkState next = JobStateRollUp.next(current, summary);
        if (next == current) {
            return false;
        }
        String times = switch (next) {
            // Leaving done/failed (a rerun) makes the next finish a new event to notify about.
            case RUNNING -> "time_started = COALESCE(time_started, ?), time_finished = NULL, "
                    + "completion_notify_sent = FALSE";
            case DONE, FAILED -> "time_started = COALESCE(time_started, ?), time_finished = ?";
            default -> "time_finished = NULL, completion_notify_sent = FALSE";
        };
        try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = ?, " + times + " WHERE id = ?")) {
            int i = 1;
            s.setString(i++, next.wireName());
            if (next == WorkState.RUNNING) {
                Sql.setInstant(s, i++, now);
            } else if (next.isFinished()) {
                Sql.setInstant(s, i++, now);
                Sql.setInstant(s, i++, now);
            }
            s.setLong(i, jobId);
            s.executeUpdate();
        }
        return next.isFinished();
    }

    private static boolean exists(Connection c, long jobId, String states) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM tasks WHERE job_id = ? AND state IN (" + states + "))";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

}
