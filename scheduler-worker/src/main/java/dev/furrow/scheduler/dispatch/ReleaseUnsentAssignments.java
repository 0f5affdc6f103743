package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Undoes claims whose AssignTasks could not be published: the tasks go back as if never claimed. */
final class ReleaseUnsentAssignments {

    private ReleaseUnsentAssignments() {
    }

    static int apply(Connection c, List<UUID> assignmentIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                       attempts = GREATEST(attempts - 1, 0)
                 WHERE assignment_id IN (%s) AND state = 'queued'""".formatted(
                Sql.placeholders(assignmentIds.size())))) {
            Sql.bindUuids(s, 1, assignmentIds);
            return s.executeUpdate();
        }
    }
}
