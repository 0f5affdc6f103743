package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a round's claims in one statement per few hundred tasks: each task gets its agent, the assignment id
 * and its next attempt. A task must still be queued and unassigned (or pinned, unsent, to that very agent);
 * every claimed task is locked by the round, so any other outcome is a bug and rolls the round back.
 */
final class StampTasks {

    private static final int TASKS_PER_STATEMENT = 500;

    private StampTasks() {
    }

    static void stamp(Connection c, List<Claim> claims, Instant now) throws SQLException {
        List<Row> rows = claims.stream()
                .flatMap(claim -> claim.tasks().stream().map(task -> new Row(task.id(), claim)))
                .toList();
        for (int from = 0; from < rows.size(); from += TASKS_PER_STATEMENT) {
            stampRows(c, rows.subList(from, Math.min(rows.size(), from + TASKS_PER_STATEMENT)), now);
        }
    }

    private record Row(long taskId, Claim claim) {
    }

    private static void stampRows(Connection c, List<Row> rows, Instant now) throws SQLException {
        String claimed = Sql.rows(rows.size(), "CAST(? AS SIGNED) AS id", "? AS agent_id", "? AS assignment_id");
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks t JOIN (%s) c ON c.id = t.id
                   SET t.agent_id = c.agent_id, t.assignment_id = c.assignment_id, t.attempts = t.attempts + 1,
                       t.sent_to_agent = TRUE, t.report_sequence = 0, t.progress = 0, t.assigned_at = ?
                 WHERE t.state = 'queued'
                   AND (t.agent_id IS NULL OR (t.agent_id = c.agent_id AND t.sent_to_agent = FALSE))"""
                .formatted(claimed))) {
            int i = 1;
            for (Row row : rows) {
                s.setLong(i++, row.taskId());
                s.setString(i++, row.claim().agentId().toString());
                s.setString(i++, row.claim().assignmentId().toString());
            }
            Sql.setInstant(s, i, now);
            int updated = s.executeUpdate();
            if (updated != rows.size()) {
                throw new IllegalStateException("stamped " + updated + " of " + rows.size()
                        + " claimed tasks; a task changed under the round's lock, so the round is rolled back");
            }
        }
    }
}
