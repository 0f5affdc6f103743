package dev.furrow.scheduler.tasks;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Counts a failure of a task's current attempt that no agent reported (the master decided it, e.g. a stalled
 * task): {@code failures + 1}, the agent remembered in failed_tasks_in_agents, and the task back in the queue
 * while the job's requeue allows, else failed for good. Caller holds the job and task row locks and rolls up.
 */
public final class FailTask {

    private FailTask() {
    }

    /** PyFarm: requeue -1 retries forever, 0 never, n up to n times. */
    public static boolean requeues(int failures, int requeue) {
        return requeue < 0 || failures <= requeue;
    }

    /** Returns whether the task went back to the queue. */
    public static boolean apply(Connection c, long taskId, UUID agentId, int failures, int requeue, String error,
                                Instant now) throws SQLException {
        boolean requeued = requeues(failures + 1, requeue);
        String sql = requeued ? """
                UPDATE tasks SET state = 'queued', failures = failures + 1, last_error = ?, progress = 0,
                       agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE, time_finished = ?
                 WHERE id = ?""" : """
                UPDATE tasks SET state = 'failed', failures = failures + 1, last_error = ?, time_finished = ?
                 WHERE id = ?""";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, error);
            Sql.setInstant(s, 2, now);
            s.setLong(3, taskId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT IGNORE INTO failed_tasks_in_agents (task_id, agent_id) SELECT ?, id FROM agents WHERE id = ?""")) {
            s.setLong(1, taskId);
            s.setString(2, agentId.toString());
            s.executeUpdate();
        }
        return requeued;
    }
}
