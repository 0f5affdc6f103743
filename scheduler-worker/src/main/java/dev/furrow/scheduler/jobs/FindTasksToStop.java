package dev.furrow.scheduler.jobs;

import dev.furrow.messages.JobChanged;
import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which agents run (or were sent) tasks that a job change stops: all assigned unfinished tasks of a paused or
 * deleted job, or the named tasks of a cancellation that an agent holds; and the named tasks that were deleted,
 * which every agent is told to stop.
 */
final class FindTasksToStop {

    private FindTasksToStop() {
    }

    static Map<UUID, List<Long>> find(Connection c, JobChanged change) throws SQLException {
        boolean named = change.change() == JobChanged.Change.TASKS_CANCELLED
                && change.taskIds() != null && !change.taskIds().isEmpty();
        String sql = named
                ? "SELECT agent_id, id FROM tasks WHERE job_id = ? AND id IN (" + Sql.placeholders(change.taskIds().size())
                  + ") AND agent_id IS NOT NULL AND state IN ('queued','running','failed','done') AND sent_to_agent = TRUE"
                : "SELECT agent_id, id FROM tasks WHERE job_id = ? AND agent_id IS NOT NULL AND state IN ('queued','running')";
        Map<UUID, List<Long>> byAgent = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql + " ORDER BY agent_id, id")) {
            s.setLong(1, change.jobId());
            if (named) {
                Sql.bindLongs(s, 2, change.taskIds());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byAgent.computeIfAbsent(UUID.fromString(rs.getString(1)), a -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        return byAgent;
    }

    /** The tasks the change names that no longer exist: the api-server deletes tasks when a frame range shrinks. */
    static List<Long> removed(Connection c, JobChanged change) throws SQLException {
        if (change.taskIds() == null || change.taskIds().isEmpty()) {
            return List.of();
        }
        List<Long> missing = new ArrayList<>(change.taskIds());
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM tasks WHERE id IN (" + Sql.placeholders(change.taskIds().size()) + ")")) {
            Sql.bindLongs(s, 1, change.taskIds());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getLong(1));
                }
            }
        }
        return missing;
    }

    /**
     * Every agent that may run work, each to stop all of {@code removed}: the agent of a deleted task is not
     * recorded anywhere any more.
     */
    static Map<UUID, List<Long>> everyAgent(Connection c, List<Long> removed) throws SQLException {
        if (removed.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Long>> byAgent = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM agents WHERE state IN ('online','running')");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byAgent.put(UUID.fromString(rs.getString(1)), removed);
            }
        }
        return byAgent;
    }
}
