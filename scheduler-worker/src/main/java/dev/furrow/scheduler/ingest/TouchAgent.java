package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Records that an agent was heard from. It is the first statement of every report's transaction, so the agent
 * row lock is taken first (lock order agent → job → task, see LockJobs).
 */
final class TouchAgent {

    private TouchAgent() {
    }

    /** Returns false when the agent is unknown (it has not announced itself to this database). */
    static boolean touch(Connection c, UUID agentId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agents SET last_heard_from = ? WHERE id = ?")) {
            Sql.setInstant(s, 1, now);
            s.setString(2, agentId.toString());
            return s.executeUpdate() > 0;
        }
    }
}
