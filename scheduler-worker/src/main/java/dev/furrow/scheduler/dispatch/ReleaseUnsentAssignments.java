package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Undoes claims whose AssignTasks could not be published: the tasks go back as if never claimed. */
final class ReleaseUnsentAssignments {

    private ReleaseUnsentAssignments() {
    }

    /** Undoes the assignments, each held by its agent. */
    static int apply(Connection c, Map<UUID, UUID> agentByAssignment) throws SQLException {
        if (agentByAssignment.isEmpty()) {
            return 0;
        }
        List<UUID> agents = agentByAssignment.values().stream().distinct().toList();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                       attempts = GREATEST(attempts - 1, 0)
                 WHERE agent_id IN (%s) AND state = 'queued' AND assignment_id IN (%s)""".formatted(
                Sql.placeholders(agents.size()), Sql.placeholders(agentByAssignment.size())))) {
            int next = Sql.bindUuids(s, 1, agents);
            Sql.bindUuids(s, next, agentByAssignment.keySet());
            return s.executeUpdate();
        }
    }
}
