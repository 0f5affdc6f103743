package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Work requests that came too early: with several workers, an agent's work request can be decided by one worker
 * before another has applied the report that ended the agent's assignment, so the agent still looks busy. The
 * request is remembered on the agent row ({@code agents.wants_work}); the transaction that ends an assignment of
 * such an agent takes the flag and serves the agent. Both sides hold the agent row lock, so one of them always
 * sees the other's write.
 */
public final class WaitingWorkRequests {

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

    /**
     * Locks the rows of agents that just finished or failed a task, in id order, and takes the remembered
     * requests among them: those agents should be served now.
     */
    public static Set<UUID> takeAmong(Connection c, Collection<UUID> agentIds) throws SQLException {
        Set<UUID> waiting = new TreeSet<>();
        if (agentIds.isEmpty()) {
            return waiting;
        }
        List<UUID> sorted = new TreeSet<>(agentIds).stream().toList();
        try (PreparedStatement s = c.prepareStatement("SELECT id, wants_work FROM agents WHERE id IN ("
                + Sql.placeholders(sorted.size()) + ") ORDER BY id FOR UPDATE")) {
            Sql.bindUuids(s, 1, sorted);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        waiting.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
        }
        if (!waiting.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE agents SET wants_work = FALSE WHERE id IN ("
                    + Sql.placeholders(waiting.size()) + ")")) {
                Sql.bindUuids(s, 1, waiting);
                s.executeUpdate();
            }
        }
        return waiting;
    }
}
