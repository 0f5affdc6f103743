package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Work requests that came too early: with several workers, an agent's work request can be decided by one worker
 * before another has applied the report that ended the agent's assignment, so the agent still looks busy. The
 * request is remembered on the agent row ({@code agents.wants_work}); the report transaction that ends a task of
 * such an agent takes the flag and serves the agent (ingest's AgentRowWrites). Both sides hold the agent row
 * lock, so one of them always sees the other's write.
 */
final class WaitingWorkRequests {

    private WaitingWorkRequests() {
    }

    /** Remembers the requests of agents found busy. Caller holds their row locks. */
    static void remember(Connection c, List<UUID> busyAgents) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agents SET wants_work = TRUE WHERE id IN ("
                + Sql.placeholders(busyAgents.size()) + ")")) {
            Sql.bindUuids(s, 1, busyAgents);
            s.executeUpdate();
        }
    }
}
