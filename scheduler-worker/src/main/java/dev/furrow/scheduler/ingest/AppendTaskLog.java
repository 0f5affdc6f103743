package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskLogLines;
import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Applies one chunk of a task log inside the caller's transaction. The task_logs row (locked) says how many lines
 * the store holds: a chunk that continues the log is appended, followed by any chunks that were waiting for it;
 * a chunk already stored (redelivered) changes nothing; a chunk that leaves a gap (it overtook its predecessor,
 * e.g. on another worker) waits in task_log_pending_chunks. The first chunk registers the log against the tasks
 * of the attempt. File appends go through {@link LogAppends}, which undoes them if the transaction fails.
 */
final class AppendTaskLog {

    /** What happened to the chunk. */
    enum Outcome { APPENDED, ALREADY_APPLIED, WAITING_FOR_EARLIER_LINES }

    private AppendTaskLog() {
    }

    static Outcome apply(Connection c, LogAppends appends, TaskLogLines chunk, boolean agentKnown, Instant now)
            throws SQLException {
        if (!dev.furrow.store.logs.TaskLogFiles.isValidIdentifier(chunk.identifier())) {
            throw new IllegalArgumentException("task log identifier " + chunk.identifier()
                    + " is not a plain file name; agents must name logs like 2026-11-23_16-05-00_<job>_<uuid>.csv");
        }
        if (chunk.firstLine() < 1) {
            throw new IllegalArgumentException("task log chunk firstLine must be 1-based, not " + chunk.firstLine());
        }
        String csv = chunk.csv() == null ? "" : chunk.csv();
        long lines = CsvRecords.count(csv);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT IGNORE INTO task_logs (identifier, agent_id, created_on) VALUES (?, ?, ?)")) {
            s.setString(1, chunk.identifier());
            s.setString(2, agentKnown ? chunk.agentId().toString() : null);
            Sql.setInstant(s, 3, now);
            s.executeUpdate();
        }
        long logId;
        long stored;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, num_lines FROM task_logs WHERE identifier = ? FOR UPDATE")) {
            s.setString(1, chunk.identifier());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                logId = rs.getLong("id");
                stored = rs.getLong("num_lines");
            }
        }
        if (chunk.firstLine() <= stored) {
            return Outcome.ALREADY_APPLIED;
        }
        if (chunk.firstLine() == 1) {
            associate(c, logId, chunk);
        }
        if (chunk.firstLine() > stored + 1) {
            waitForEarlierLines(c, logId, chunk, csv, lines);
            return Outcome.WAITING_FOR_EARLIER_LINES;
        }
        boolean last = chunk.last();
        long total = stored + lines;
        appends.append(chunk.identifier(), csv);
        for (PendingChunk next; (next = takePending(c, logId, total + 1)) != null; ) {
            appends.append(chunk.identifier(), next.csv());
            total += next.lines();
            last |= next.last();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE task_logs SET num_lines = ?, complete = (complete OR ?) WHERE id = ?")) {
            s.setLong(1, total);
            s.setBoolean(2, last);
            s.setLong(3, logId);
            s.executeUpdate();
        }
        return Outcome.APPENDED;
    }

    private record PendingChunk(String csv, long lines, boolean last) {
    }

    private static void waitForEarlierLines(Connection c, long logId, TaskLogLines chunk, String csv, long lines)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT IGNORE INTO task_log_pending_chunks (task_log_id, first_line, num_lines, csv, last)
                VALUES (?, ?, ?, ?, ?)""")) {
            s.setLong(1, logId);
            s.setLong(2, chunk.firstLine());
            s.setLong(3, lines);
            s.setString(4, csv);
            s.setBoolean(5, chunk.last());
            s.executeUpdate();
        }
    }

    private static PendingChunk takePending(Connection c, long logId, long firstLine) throws SQLException {
        PendingChunk pending;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT csv, num_lines, last FROM task_log_pending_chunks WHERE task_log_id = ? AND first_line = ?""")) {
            s.setLong(1, logId);
            s.setLong(2, firstLine);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                pending = new PendingChunk(rs.getString(1), rs.getLong(2), rs.getBoolean(3));
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM task_log_pending_chunks WHERE task_log_id = ? AND first_line <= ?")) {
            s.setLong(1, logId);
            s.setLong(2, firstLine);
            s.executeUpdate();
        }
        return pending;
    }

    private static void associate(Connection c, long logId, TaskLogLines chunk) throws SQLException {
        if (chunk.taskIds() == null || chunk.taskIds().isEmpty()) {
            return;
        }
        String sql = "INSERT IGNORE INTO task_log_associations (task_log_id, task_id, attempt) SELECT ?, id, ? "
                + "FROM tasks WHERE id IN (" + Sql.placeholders(chunk.taskIds().size()) + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, logId);
            s.setInt(2, chunk.attempt());
            Sql.bindLongs(s, 3, chunk.taskIds());
            s.executeUpdate();
        }
    }
}
