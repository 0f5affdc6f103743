package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AgentState;
import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Refreshes an agent from a heartbeat or a work request: last heard from, free ram and (unless an admin
 * disabled it) its state, which brings an agent that was marked offline back online. A null state (a work
 * request) keeps the state, except that offline becomes online.
 */
final class RecordHeartbeat {

    private RecordHeartbeat() {
    }

    static boolean record(Connection c, UUID agentId, AgentState state, int freeRam, Instant now) throws SQLException {
        String reported = state == null ? null
                : (state == AgentState.OFFLINE ? AgentState.ONLINE : state).wireName();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE agents SET last_heard_from = ?, free_ram = ?,
                       state = CASE WHEN state = 'disabled' THEN 'disabled'
                                    WHEN ? IS NOT NULL THEN ?
                                    WHEN state = 'offline' THEN 'online' ELSE state END
                 WHERE id = ?""")) {
            Sql.setInstant(s, 1, now);
            s.setInt(2, freeRam);
            s.setString(3, reported);
            s.setString(4, reported);
            s.setString(5, agentId.toString());
            return s.executeUpdate() > 0;
        }
    }
}
