package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The writes one batch of reports makes to agent rows, gathered so that each row is written once, in id order:
 * what a work request says (free ram; heard from, at most every {@link RecentlyHeard#EVERY} as the offline check
 * needs no more and it is indexed; an offline agent back online unless disabled), when the agent
 * last finished a task ({@code last_success_on}), and the work request it left waiting while it looked busy
 * ({@code wants_work}, see WaitingWorkRequests), taken by the report that freed it.
 */
final class AgentRowWrites {

    private final Map<UUID, Integer> workRequests = new HashMap<>();
    private final Map<UUID, Instant> successes = new HashMap<>();
    private final Set<UUID> endedTasks = new HashSet<>();

    /** What the writes found. {@code asking}: agents that asked for work (a round skips those it does not know);
     * {@code waiting}: agents whose earlier request waited for the task they just ended. */
    record Found(Set<UUID> asking, Set<UUID> waiting) {
    }

    void workRequested(UUID agentId, int freeRam) {
        workRequests.put(agentId, freeRam);
    }

    void succeeded(UUID agentId, Instant at) {
        successes.merge(agentId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The agent finished or failed a task (so it may have room now). */
    void endedTask(UUID agentId) {
        endedTasks.add(agentId);
    }

    Found apply(Connection c, Instant now) throws SQLException {
        Set<UUID> agents = new TreeSet<>(workRequests.keySet());
        agents.addAll(successes.keySet());
        agents.addAll(endedTasks);
        if (agents.isEmpty()) {
            return new Found(Set.of(), Set.of());
        }
        Set<UUID> waiting = waitingAmong(c, endedTasks.stream().filter(id -> !workRequests.containsKey(id))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        List<UUID> rows = new ArrayList<>(agents);
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE agents a JOIN (%s) r ON r.id = a.id
                   SET a.free_ram = COALESCE(r.free_ram, a.free_ram),
                       a.last_heard_from = IF(r.asked AND (a.last_heard_from IS NULL OR a.last_heard_from < ?), ?,
                                              a.last_heard_from),
                       a.state = IF(r.asked AND a.state = 'offline', 'online', a.state),
                       a.last_success_on = IF(r.success IS NULL, a.last_success_on,
                                              GREATEST(COALESCE(a.last_success_on, r.success), r.success)),
                       a.wants_work = IF(r.clear_wants, FALSE, a.wants_work)"""
                .formatted(Sql.rows(rows.size(), "? AS id", "CAST(? AS SIGNED) AS free_ram", "? AS asked",
                        "CAST(? AS DATETIME(6)) AS success", "? AS clear_wants")))) {
            int i = 1;
            for (UUID agent : rows) {
                Integer freeRam = workRequests.get(agent);
                s.setString(i++, agent.toString());
                s.setObject(i++, freeRam);
                s.setBoolean(i++, freeRam != null);
                Sql.setInstant(s, i++, successes.get(agent));
                s.setBoolean(i++, freeRam != null || waiting.contains(agent));
            }
            Sql.setInstant(s, i++, now.minus(RecentlyHeard.EVERY));
            Sql.setInstant(s, i, now);
            s.executeUpdate();
        }
        return new Found(workRequests.keySet(), waiting);
    }

    /**
     * Locks, in id order, the rows of agents that ended a task without asking for work in this batch, and reads
     * which of them left a work request waiting (the read waits for a dispatch round holding the row, so it sees
     * the flag that round set).
     */
    private static Set<UUID> waitingAmong(Connection c, Set<UUID> agentIds) throws SQLException {
        Set<UUID> waiting = new HashSet<>();
        if (agentIds.isEmpty()) {
            return waiting;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, wants_work FROM agents WHERE id IN ("
                + Sql.placeholders(agentIds.size()) + ") ORDER BY id FOR UPDATE")) {
            Sql.bindUuids(s, 1, agentIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        waiting.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
        }
        return waiting;
    }
}
