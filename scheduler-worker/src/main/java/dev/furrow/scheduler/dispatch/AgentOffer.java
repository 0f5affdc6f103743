package dev.furrow.scheduler.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads what an agent offers to requirements: its tags and the ranks of its installed software versions. */
final class AgentOffer {

    private AgentOffer() {
    }

    static Requirements.Offer read(Connection c, UUID agentId) throws SQLException {
        Set<Long> tags = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT tag_id FROM agent_tag_associations WHERE agent_id = ?")) {
            s.setString(1, agentId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tags.add(rs.getLong(1));
                }
            }
        }
        Map<Long, Set<Integer>> software = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT v.software_id, v.`rank` FROM agent_software_version_associations a
                  JOIN software_versions v ON v.id = a.software_version_id
                 WHERE a.agent_id = ?""")) {
            s.setString(1, agentId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    software.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getInt(2));
                }
            }
        }
        return new Requirements.Offer(tags, software);
    }
}
