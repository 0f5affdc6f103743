package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads what agents offer to requirements, in one statement: their tags and installed software versions. */
final class AgentOffers {

    private AgentOffers() {
    }

    /** The offer of each of {@code agentIds}; an agent without tags or software offers nothing. */
    static Map<UUID, Requirements.Offer> read(Connection c, Collection<UUID> agentIds) throws SQLException {
        Map<UUID, Set<Long>> tags = new HashMap<>();
        Map<UUID, Map<Long, Set<Integer>>> software = new HashMap<>();
        if (!agentIds.isEmpty()) {
            String in = Sql.placeholders(agentIds.size());
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT agent_id, tag_id, NULL AS `rank` FROM agent_tag_associations WHERE agent_id IN (%1$s)
                    UNION ALL
                    SELECT a.agent_id, v.software_id, v.`rank` FROM agent_software_version_associations a
                      JOIN software_versions v ON v.id = a.software_version_id
                     WHERE a.agent_id IN (%1$s)""".formatted(in))) {
                int next = Sql.bindUuids(s, 1, agentIds);
                Sql.bindUuids(s, next, agentIds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID agent = UUID.fromString(rs.getString(1));
                        Integer rank = Sql.nullableInt(rs, "rank");
                        if (rank == null) {
                            tags.computeIfAbsent(agent, k -> new HashSet<>()).add(rs.getLong(2));
                        } else {
                            software.computeIfAbsent(agent, k -> new HashMap<>())
                                    .computeIfAbsent(rs.getLong(2), k -> new HashSet<>()).add(rank);
                        }
                    }
                }
            }
        }
        Map<UUID, Requirements.Offer> offers = new HashMap<>();
        for (UUID agentId : agentIds) {
            offers.put(agentId, new Requirements.Offer(tags.getOrDefault(agentId, Set.of()),
                    software.getOrDefault(agentId, Map.of())));
        }
        return offers;
    }
}
