package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An agent a dispatch round serves: locked for the round, with the resources its current assignments leave,
 * the jobs it already works for, and the tasks an admin pinned to it that it has not been sent yet.
 */
final class ServedAgent {

    /** A queued task pinned to this agent (PyFarm's POST /agents/&lt;id&gt;/tasks/), waiting to be sent. */
    record Pinned(long jobId, long jobtypeVersionId, Capacity.Needs needs, BatchPicker.Candidate task) {
    }

    private final UUID id;
    private Capacity.Agent capacity;
    private final Set<Long> jobsHeld;
    private final List<Pinned> pinned;

    private ServedAgent(UUID id, Capacity.Agent capacity, Set<Long> jobsHeld, List<Pinned> pinned) {
        this.id = id;
        this.capacity = capacity;
        this.jobsHeld = jobsHeld;
        this.pinned = pinned;
    }

    UUID id() {
        return id;
    }

    Capacity.Agent capacity() {
        return capacity;
    }

    boolean busy() {
        return !capacity.active().isEmpty();
    }

    boolean holdsJob(long jobId) {
        return jobsHeld.contains(jobId);
    }

    List<Pinned> pinned() {
        return pinned;
    }

    /** Records an assignment given to it in this round. */
    void took(long jobId, Capacity.Needs needs) {
        capacity = capacity.with(needs);
        jobsHeld.add(jobId);
    }

    /**
     * Locks the rows of those agents that are online (or running), in id order so that concurrent rounds never
     * deadlock on them, and reads what each holds. Unknown, offline and disabled agents are left out.
     */
    static List<ServedAgent> lock(Connection c, Collection<UUID> agentIds) throws SQLException {
        if (agentIds.isEmpty()) {
            return List.of();
        }
        List<UUID> sorted = agentIds.stream().distinct().sorted().toList();
        Map<UUID, Resources> resources = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, cpus, ram, free_ram, cpu_allocation, ram_allocation FROM agents
                 WHERE id IN (%s) AND state IN ('online','running')
                 ORDER BY id FOR UPDATE""".formatted(Sql.placeholders(sorted.size())))) {
            Sql.bindUuids(s, 1, sorted);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    resources.put(UUID.fromString(rs.getString("id")), new Resources(rs.getInt("cpus"),
                            rs.getInt("ram"), rs.getInt("free_ram"), rs.getDouble("cpu_allocation"),
                            rs.getDouble("ram_allocation")));
                }
            }
        }
        if (resources.isEmpty()) {
            return List.of();
        }
        List<UUID> holding = holdingTasks(c, resources.keySet());
        Holdings holdings = Holdings.read(c, holding);
        List<ServedAgent> agents = new ArrayList<>();
        resources.forEach((id, r) -> {
            List<Capacity.Needs> active = List.copyOf(holdings.activeNeeds.getOrDefault(id, Map.of()).values());
            agents.add(new ServedAgent(id,
                    Capacity.Agent.allocated(r.cpus(), r.ram(), r.freeRam(), r.cpuAllocation(), r.ramAllocation(),
                            active),
                    new HashSet<>(holdings.jobsHeld.getOrDefault(id, Set.of())),
                    new ArrayList<>(holdings.pinned.getOrDefault(id, List.of()))));
        });
        return agents;
    }

    /**
     * Which of the locked agents hold unfinished tasks: two EXISTS probes of ix_tasks_agent_state per agent (an IN
     * list or a join on tasks.agent_id would have the optimizer estimate every entry with index dives, costing
     * more than the query). The probes stand in the select list: in the WHERE clause MariaDB turns them into a
     * semi-join that scans the whole index. A statement of its own, after the lock: a subquery of the locking
     * statement would read from a snapshot taken before the lock wait, and miss the claims of the round it
     * waited for.
     */
    private static List<UUID> holdingTasks(Connection c, Collection<UUID> agentIds) throws SQLException {
        List<UUID> holding = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.id, EXISTS (SELECT 1 FROM tasks t WHERE t.agent_id = a.id AND t.state = 'queued')
                             OR EXISTS (SELECT 1 FROM tasks t WHERE t.agent_id = a.id AND t.state = 'running')
                  FROM agents a WHERE a.id IN (%s)""".formatted(Sql.placeholders(agentIds.size())))) {
            Sql.bindUuids(s, 1, agentIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        holding.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
        }
        return holding;
    }

    private record Resources(int cpus, int ram, int freeRam, double cpuAllocation, double ramAllocation) {
    }

    /** The unfinished tasks the agents hold: sent ones as assignments, unsent ones as pinned tasks. */
    private record Holdings(Map<UUID, Map<String, Capacity.Needs>> activeNeeds, Map<UUID, Set<Long>> jobsHeld,
                            Map<UUID, List<Pinned>> pinned) {

        static Holdings read(Connection c, Collection<UUID> agentIds) throws SQLException {
            Holdings holdings = new Holdings(new HashMap<>(), new HashMap<>(), new HashMap<>());
            if (agentIds.isEmpty()) {
                return holdings;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT STRAIGHT_JOIN t.agent_id, t.assignment_id, t.sent_to_agent, t.state, t.id, t.job_id,
                           t.frame, t.tile, t.attempts, j.jobtype_version_id, j.cpus, j.ram
                      FROM agents a JOIN tasks t ON t.agent_id = a.id JOIN jobs j ON j.id = t.job_id
                     WHERE a.id IN (%s) AND t.state IN ('queued','running')
                     ORDER BY t.frame, t.tile""".formatted(Sql.placeholders(agentIds.size())))) {
                Sql.bindUuids(s, 1, agentIds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID agent = UUID.fromString(rs.getString("agent_id"));
                        long jobId = rs.getLong("job_id");
                        if (rs.getBoolean("sent_to_agent") || "running".equals(rs.getString("state"))) {
                            holdings.activeNeeds.computeIfAbsent(agent, k -> new HashMap<>()).put(
                                    String.valueOf(rs.getString("assignment_id")),
                                    new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")));
                            holdings.jobsHeld.computeIfAbsent(agent, k -> new HashSet<>()).add(jobId);
                        } else {
                            holdings.pinned.computeIfAbsent(agent, k -> new ArrayList<>()).add(new Pinned(jobId,
                                    rs.getLong("jobtype_version_id"),
                                    new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")),
                                    new BatchPicker.Candidate(rs.getLong("id"), rs.getBigDecimal("frame"),
                                            Sql.nullableInt(rs, "tile"), rs.getInt("attempts"))));
                        }
                    }
                }
            }
            return holdings;
        }
    }
}
