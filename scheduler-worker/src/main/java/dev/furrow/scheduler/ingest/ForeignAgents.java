package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.tasks.ReleaseAgentTasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps agents of another farm out (an announcement the master's {@code FarmName} does not admit is not applied,
 * as the api-server refuses such an agent's registration): an agent already in the database that now announces
 * another farm is disabled, with its tasks back in the queue; an operator re-enables it once it is configured for
 * this farm again.
 */
final class ForeignAgents {

    private ForeignAgents() {
    }

    /** What keeping an agent out did: whether it was known (and is now disabled), how many tasks it gave back. */
    record KeptOut(boolean disabled, int releasedTasks) {
    }

    /** Disables the agent if it is known, and puts its unfinished tasks back into the queue. */
    static KeptOut keepOut(Connection c, UUID agentId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agents SET state = 'disabled' WHERE id = ?")) {
            s.setString(1, agentId.toString());
            if (s.executeUpdate() == 0) {
                return new KeptOut(false, 0);
            }
        }
        return new KeptOut(true, ReleaseAgentTasks.all(c, agentId, now));
    }
}
