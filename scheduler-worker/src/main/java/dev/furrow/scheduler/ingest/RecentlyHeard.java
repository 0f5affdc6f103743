package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps agents.last_heard_from fresh for agents that send task reports and log lines, for offline detection,
 * writing an agent's row at most once per {@link #EVERY} instead of once per report: heartbeats already do it,
 * this covers an agent whose heartbeats queue behind a backlog of reports.
 */
final class RecentlyHeard {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final Map<UUID, Instant> touched = new ConcurrentHashMap<>();

    /** Updates, in id order, the agents not touched within {@link #EVERY}. */
    void touch(Connection c, Collection<UUID> agentIds, Instant now) throws SQLException {
        List<UUID> due = new TreeSet<>(agentIds).stream()
                .filter(id -> touched.getOrDefault(id, Instant.MIN).isBefore(now.minus(EVERY)))
                .toList();
        if (due.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE agents SET last_heard_from = ? WHERE id IN ("
                + Sql.placeholders(due.size()) + ")")) {
            Sql.setInstant(s, 1, now);
            Sql.bindUuids(s, 2, due);
            s.executeUpdate();
        }
        due.forEach(id -> touched.put(id, now));
    }
}
