package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskLogLines;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.store.logs.TaskLogFiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Appends one chunk of a task log. The task_logs row (locked) says how many lines the store holds; a chunk is
 * appended only when it continues the log exactly, so a redelivered chunk changes nothing and a chunk after a gap
 * is refused (requeued once by the subscription, then parked). The first chunk registers the log against the
 * tasks of the attempt.
 */
final class AppendTaskLog {

    /** What happened to the chunk. */
    enum Outcome { APPENDED, ALREADY_APPLIED }

    private AppendTaskLog() {
    }

    static Outcome apply(Connection c, TaskLogFiles files, TaskLogLines chunk, Instant now) throws SQLException {
        if (!TaskLogFiles.isValidIdentifier(chunk.identifier())) {
            throw new IllegalArgumentException("task log identifier " + chunk.identifier()
                    + " is not a plain file name; agents must name logs like 2026-11-23_16-05-00_<job>_<uuid>.csv");
        }
        if (chunk.firstLine() < 1) {
            throw new IllegalArgumentException("task log chunk firstLine must be 1-based, not " + chunk.firstLine());
        }
        boolean agentKnown = TouchAgent.touch(c, chunk.agentId(), now);
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
        if (chunk.firstLine() > stored + 1) {
            throw new GapInTaskLog("task log " + chunk.identifier() + " holds " + stored
                    + " lines; a chunk starting at line " + chunk.firstLine() + " leaves a gap");
        }
        if (chunk.firstLine() == 1) {
            associate(c, logId, chunk);
        }
        String csv = chunk.csv() == null ? "" : chunk.csv();
        long lines = CsvRecords.count(csv);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE task_logs SET num_lines = num_lines + ?, complete = (complete OR ?) WHERE id = ?")) {
            s.setLong(1, lines);
            s.setBoolean(2, chunk.last());
            s.setLong(3, logId);
            s.executeUpdate();
        }
        // The file is written last, just before the commit: a failing commit after it is the only way to
        // duplicate lines, while writing after the commit could lose them.
        if (!csv.isEmpty()) {
            files.append(chunk.identifier(), csv);
        }
        return Outcome.APPENDED;
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

    /** A chunk arrived before the one it continues; retrying later may succeed. */
    static final class GapInTaskLog extends RuntimeException {
        GapInTaskLog(String message) {
            super(message);
        }
    }
}
