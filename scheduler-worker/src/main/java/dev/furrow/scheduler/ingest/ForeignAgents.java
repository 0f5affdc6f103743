package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.tasks.ReleaseAgentTasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps agents of another farm out: an announcement whose {@code farm_name} differs from the one this master
 * serves is not applied (as the api-server refuses the agent's registration). An agent already in the database
 * that now announces another farm is disabled, with its tasks back in the queue: an operator re-enables it once
 * it is configured for this farm again.
 */
final class ForeignAgents {

    private final String farmName;

    ForeignAgents(String farmName) {
        this.farmName = farmName == null ? "" : farmName.trim();
    }

    /** Whether an agent announcing {@code agentFarm} may join; either side unset admits any. */
    boolean admits(String agentFarm) {
        return farmName.isEmpty() || agentFarm == null || agentFarm.isBlank() || farmName.equals(agentFarm);
    }

    String farmName() {
        return farmName;
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
