package dev.furrow.scheduler.ingest;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** What the writes found. {@code asking}: known agents that asked for work; {@code waiting}: agents whose
     * earlier request waited for the task they just ended. */
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
        Set<UUID> waiting = waitingAmong(c, endedTasks.stream().filter(id -> !workRequests.containsKey(id)).toList());
        List<UUID> order = new ArrayList<>(agents);
        Set<UUID> asking = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE agents SET free_ram = COALESCE(?, free_ram),
                       last_heard_from = IF(? AND (last_heard_from IS NULL OR last_heard_from < ?), ?, last_heard_from),
                       state = IF(? AND state = 'offline', 'online', state),
                       last_success_on = IF(? IS NULL, last_success_on, GREATEST(COALESCE(last_success_on, ?), ?)),
                       wants_work = IF(?, FALSE, wants_work)
                 WHERE id = ?""")) {
            for (UUID agent : order) {
                Integer freeRam = workRequests.get(agent);
                boolean asked = freeRam != null;
                Instant success = successes.get(agent);
                s.setObject(1, freeRam);
                s.setBoolean(2, asked);
                Sql.setInstant(s, 3, now.minus(RecentlyHeard.EVERY));
                Sql.setInstant(s, 4, now);
                s.setBoolean(5, asked);
                Sql.setInstant(s, 6, success);
                Sql.setInstant(s, 7, success);
                Sql.setInstant(s, 8, success);
                s.setBoolean(9, asked || waiting.contains(agent));
                s.setString(10, agent.toString());
                s.addBatch();
            }
            int[] found = s.executeBatch();
            for (int i = 0; i < found.length; i++) {
                if (workRequests.containsKey(order.get(i))
                        && (found[i] > 0 || found[i] == Statement.SUCCESS_NO_INFO)) {
                    asking.add(order.get(i));
                }
            }
        }
        return new Found(asking, waiting);
    }

    /** Locks the agents' rows and reads which of them left a work request waiting. */
    private static Set<UUID> waitingAmong(Connection c, List<UUID> agentIds) throws SQLException {
        Set<UUID> waiting = new HashSet<>();
        if (agentIds.isEmpty()) {
            return waiting;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM agents WHERE id IN ("
                + Sql.placeholders(agentIds.size()) + ") AND wants_work ORDER BY id FOR UPDATE")) {
            Sql.bindUuids(s, 1, new TreeSet<>(agentIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    waiting.add(UUID.fromString(rs.getString(1)));
                }
            }
        }
        return waiting;
    }
}
