package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Which of some agents have announced themselves to this database. */
final class KnownAgents {

    private KnownAgents() {
    }

    static Set<UUID> among(Connection c, Collection<UUID> agentIds) throws SQLException {
        Set<UUID> known = new HashSet<>();
        if (agentIds.isEmpty()) {
            return known;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM agents WHERE id IN (" + Sql.placeholders(agentIds.size()) + ")")) {
            Sql.bindUuids(s, 1, agentIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.add(UUID.fromString(rs.getString(1)));
                }
            }
        }
        return known;
    }
}
