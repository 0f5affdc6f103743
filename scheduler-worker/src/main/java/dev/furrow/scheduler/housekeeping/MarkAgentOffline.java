package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.tasks.ReleaseAgentTasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Marks an agent offline and puts its unfinished tasks back into the queue (not as failures). Used when an
 * agent says goodbye and when it has been silent for too long.
 */
public final class MarkAgentOffline {

    private MarkAgentOffline() {
    }

    /** Returns how many tasks were released. */
    public static int apply(Connection c, UUID agentId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE agents SET state = IF(state = 'disabled', 'disabled', 'offline') WHERE id = ?")) {
            s.setString(1, agentId.toString());
            if (s.executeUpdate() == 0) {
                return 0;
            }
        }
        return ReleaseAgentTasks.all(c, agentId, now);
    }
}
