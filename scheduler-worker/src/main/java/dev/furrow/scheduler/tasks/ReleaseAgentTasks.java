package dev.furrow.scheduler.tasks;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Puts unfinished tasks of an agent back into the queue without counting a failure: the agent went away (or
 * restarted and no longer runs them), the task did not fail. Caller holds the agent row lock.
 */
public final class ReleaseAgentTasks {

    private ReleaseAgentTasks() {
    }

    /** Every task assigned to the agent and not finished; returns how many went back to the queue. */
    public static int all(Connection c, UUID agentId, Instant now) throws SQLException {
        return release(c, agentId, "state IN ('queued','running')", List.of(), now);
    }

    /**
     * Tasks the database thinks the agent runs but the agent does not list (PyFarm's fail_missing_assignments,
     * without the failure). Assigned-but-not-started tasks are left alone: their assignment may still be on
     * its way through the agent's queue.
     */
    public static int runningExcept(Connection c, UUID agentId, Collection<Long> running, Instant now)
            throws SQLException {
        String scope = "state = 'running'"
                + (running.isEmpty() ? "" : " AND id NOT IN (" + Sql.placeholders(running.size()) + ")");
        return release(c, agentId, scope, running, now);
    }

    /**
     * Tasks the database thinks the agent holds but its heartbeat does not list, once the last sign of them is
     * older than {@code lastSignBefore}: a running task's last report, or for a task not yet started the time it
     * was assigned (so an assignment still on its way through the agent's queue is not taken back). A task pinned to
     * the agent and not sent yet is not missing: it waits for the agent to have room.
     */
    public static int missingFromHeartbeat(Connection c, UUID agentId, Collection<Long> listed, Instant lastSignBefore,
                                           Instant now) throws SQLException {
        List<Long> missing = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id FROM tasks
                 WHERE agent_id = ?
                   AND ((state = 'running' AND COALESCE(last_report_at, time_started, assigned_at) < ?)
                        OR (state = 'queued' AND sent_to_agent AND assigned_at < ?))
                   AND id NOT IN (""" + Sql.placeholders(listed.size()) + ")")) {
            s.setString(1, agentId.toString());
            Sql.setInstant(s, 2, lastSignBefore);
            Sql.setInstant(s, 3, lastSignBefore);
            Sql.bindLongs(s, 4, listed);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    missing.add(rs.getLong(1));
                }
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        return release(c, agentId, "state IN ('queued','running') AND id IN (" + Sql.placeholders(missing.size())
                + ")", missing, now);
    }

    private static int release(Connection c, UUID agentId, String scope, Collection<Long> ids, Instant now)
            throws SQLException {
        List<Long> jobIds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT job_id FROM tasks WHERE agent_id = ? AND " + scope)) {
            s.setString(1, agentId.toString());
            bindIds(s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobIds.add(rs.getLong(1));
                }
            }
        }
        if (jobIds.isEmpty()) {
            return 0;
        }
        LockJobs.lock(c, jobIds);
        int released;
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET state = 'queued', agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                       progress = 0
                 WHERE agent_id = ? AND\s""" + scope)) {
            s.setString(1, agentId.toString());
            bindIds(s, ids);
            released = s.executeUpdate();
        }
        RollUpJobState.apply(c, jobIds, now);
        return released;
    }

    private static void bindIds(PreparedStatement s, Collection<Long> ids) throws SQLException {
        if (!ids.isEmpty()) {
            Sql.bindLongs(s, 2, ids);
        }
    }
}
