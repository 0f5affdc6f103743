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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The limits a dispatch round may hand out: every limit declared by the jobs it may serve (a job's
 * {@code job_limits} plus its job type version's {@code jobtype_limits}, amounts added when both name one limit),
 * locked FOR UPDATE in id order at the start of the round so that concurrent rounds touching a limit run one
 * after the other, with what assigned unfinished tasks hold of each. Read after the lock, at READ COMMITTED, the
 * count includes every claim committed before; the round adds its own claims as it makes them.
 */
public final class LimitLedger {

    /** How much of one limit each task of a job holds. */
    private record Need(long limitId, int amount) {
    }

    private final Map<Long, List<Need>> needsByJob;
    private final Map<Long, Integer> capacity;
    private final Map<Long, Integer> inUse;

    private LimitLedger(Map<Long, List<Need>> needsByJob, Map<Long, Integer> capacity, Map<Long, Integer> inUse) {
        this.needsByJob = needsByJob;
        this.capacity = capacity;
        this.inUse = inUse;
    }

    /** Locks the limits {@code amountsByJob} (job → limit → amount per task) names and counts their use. */
    static LimitLedger lock(Connection c, Map<Long, Map<Long, Integer>> amountsByJob) throws SQLException {
        Map<Long, List<Need>> needs = new HashMap<>();
        amountsByJob.forEach((job, perLimit) -> needs.put(job,
                perLimit.entrySet().stream().map(e -> new Need(e.getKey(), e.getValue())).toList()));
        if (needs.isEmpty()) {
            return new LimitLedger(Map.of(), Map.of(), Map.of());
        }
        Set<Long> limitIds = new HashSet<>();
        needs.values().forEach(list -> list.forEach(n -> limitIds.add(n.limitId())));
        String ids = Sql.placeholders(limitIds.size());
        Map<Long, Integer> capacity = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, capacity FROM limits WHERE id IN (" + ids + ") ORDER BY id FOR UPDATE")) {
            Sql.bindLongs(s, 1, limitIds.stream().sorted().toList());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    capacity.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        Map<Long, Integer> inUse = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT h.limit_id, SUM(h.amount) FROM (
                    SELECT l.limit_id, l.amount FROM tasks t JOIN job_limits l ON l.job_id = t.job_id
                     WHERE l.limit_id IN (%1$s) AND t.agent_id IS NOT NULL AND t.state IN ('queued','running')
                    UNION ALL
                    SELECT l.limit_id, l.amount FROM tasks t JOIN jobs j ON j.id = t.job_id
                      JOIN jobtype_limits l ON l.jobtype_version_id = j.jobtype_version_id
                     WHERE l.limit_id IN (%1$s) AND t.agent_id IS NOT NULL AND t.state IN ('queued','running')
                ) h GROUP BY h.limit_id""".formatted(ids))) {
            int next = Sql.bindLongs(s, 1, limitIds);
            Sql.bindLongs(s, next, limitIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    inUse.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return new LimitLedger(needs, capacity, inUse);
    }

    /** How many more tasks of the job fit under its limits, at most {@code wanted}; 0 when one is full. */
    int fit(long jobId, int wanted) {
        List<LimitFit.Held> held = new ArrayList<>();
        for (Need need : needsByJob.getOrDefault(jobId, List.of())) {
            Integer limitCapacity = capacity.get(need.limitId());
            if (limitCapacity != null) {
                held.add(new LimitFit.Held(need.limitId(), limitCapacity, inUse.getOrDefault(need.limitId(), 0),
                        need.amount()));
            }
        }
        return LimitFit.tasksThatFit(held, wanted);
    }

    /** Records that {@code tasks} more tasks of the job now hold its limits. */
    void hold(long jobId, int tasks) {
        for (Need need : needsByJob.getOrDefault(jobId, List.of())) {
            inUse.merge(need.limitId(), need.amount() * tasks, Integer::sum);
        }
    }

    /** The jobs among {@code jobIds} whose tasks hold a limit (so finishing one frees capacity). */
    public static Set<Long> jobsHoldingLimits(Connection c, Collection<Long> jobIds) throws SQLException {
        Set<Long> holding = new HashSet<>();
        if (jobIds.isEmpty()) {
            return holding;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT job_id FROM job_limits WHERE job_id IN (%1$s)
                UNION
                SELECT j.id FROM jobs j JOIN jobtype_limits l ON l.jobtype_version_id = j.jobtype_version_id
                 WHERE j.id IN (%1$s)""".formatted(Sql.placeholders(jobIds.size())))) {
            int next = Sql.bindLongs(s, 1, jobIds);
            Sql.bindLongs(s, next, jobIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    holding.add(rs.getLong(1));
                }
            }
        }
        return holding;
    }
}
