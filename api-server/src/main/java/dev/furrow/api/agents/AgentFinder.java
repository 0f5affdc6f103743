package dev.furrow.api.agents;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;

/** Finds an agent a request names; 404 when there is none. */
public final class AgentFinder {

    private AgentFinder() {
    }

    /** The agent's state (online, running, disabled, offline). */
    public static String require(Sql sql, String agentId) throws SQLException {
        return sql.one("SELECT state FROM agents WHERE id = ?", row -> row.getString(1), agentId)
                .orElseThrow(() -> ApiException.notFound("agent " + agentId + " not found"));
    }
}
