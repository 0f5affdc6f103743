package dev.furrow.scheduler.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Undoes a claim whose AssignTasks could not be published: the tasks go back as if never claimed. */
final class ReleaseUnsentAssignment {

    private ReleaseUnsentAssignment() {
    }

    static int apply(Connection c, UUID assignmentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                       attempts = GREATEST(attempts - 1, 0)
                 WHERE assignment_id = ? AND state = 'queued'""")) {
            s.setString(1, assignmentId.toString());
            return s.executeUpdate();
        }
    }
}
