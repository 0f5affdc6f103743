package dev.furrow.scheduler.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the limits a job's tasks hold (its {@code job_limits} plus its job type version's {@code jobtype_limits},
 * amounts added when both name one limit) and locks those limit rows FOR UPDATE in id order, so claims that
 * touch a limit run one after another; then counts what tasks assigned to an agent and not finished hold now.
 * Read after the lock, at READ COMMITTED, the count includes every claim committed before ours.
 */
public final class LockLimits {

    private LockLimits() {
    }

    static List<LimitFit.Held> of(Connection c, long jobId) throws SQLException {
        Map<Long, Integer> amounts = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT limit_id, amount FROM job_limits WHERE job_id = ?
                UNION ALL
                SELECT l.limit_id, l.amount FROM jobtype_limits l JOIN jobs j ON j.jobtype_version_id = l.jobtype_version_id
                 WHERE j.id = ?""")) {
            s.setLong(1, jobId);
            s.setLong(2, jobId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    amounts.merge(rs.getLong(1), rs.getInt(2), Integer::sum);
                }
            }
        }
        if (amounts.isEmpty()) {
            return List.of();
        }
        String ids = amounts.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, Integer> capacities = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, capacity FROM limits WHERE id IN (" + ids + ") ORDER BY id FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                capacities.put(rs.getLong(1), rs.getInt(2));
            }
        }
        Map<Long, Integer> inUse = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT h.limit_id, SUM(h.amount) FROM (
                    SELECT l.limit_id, l.amount FROM tasks t JOIN job_limits l ON l.job_id = t.job_id
                     WHERE l.limit_id IN (%1$s) AND t.agent_id IS NOT NULL AND t.state IN ('queued','running')
                    UNION ALL
                    SELECT l.limit_id, l.amount FROM tasks t JOIN jobs j ON j.id = t.job_id
                      JOIN jobtype_limits l ON l.jobtype_version_id = j.jobtype_version_id
                     WHERE l.limit_id IN (%1$s) AND t.agent_id IS NOT NULL AND t.state IN ('queued','running')
                ) h GROUP BY h.limit_id""".formatted(ids));
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                inUse.put(rs.getLong(1), rs.getInt(2));
            }
        }
        List<LimitFit.Held> held = new ArrayList<>();
        for (Map.Entry<Long, Integer> capacity : capacities.entrySet()) {
            long id = capacity.getKey();
            held.add(new LimitFit.Held(id, capacity.getValue(), inUse.getOrDefault(id, 0), amounts.get(id)));
        }
        return held;
    }

    /** Whether the task's job or its job type version declares any limit (so finishing it frees capacity). */
    public static boolean heldBy(Connection c, long taskId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM job_limits l JOIN tasks t ON t.job_id = l.job_id WHERE t.id = ?)
                    OR EXISTS (SELECT 1 FROM jobtype_limits l JOIN jobs j ON j.jobtype_version_id = l.jobtype_version_id
                                 JOIN tasks t ON t.job_id = j.id WHERE t.id = ?)""")) {
            s.setLong(1, taskId);
            s.setLong(2, taskId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
