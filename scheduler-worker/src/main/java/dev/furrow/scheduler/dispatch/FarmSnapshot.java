package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The farm as one dispatch round sees it: every job queue, every job that holds agents or may hand out tasks
 * (for fair share), and the scheduling fields of the runnable ones. Read once per round, whatever the number of
 * agents served in it.
 */
record FarmSnapshot(List<FairShare.Queue> queues, Map<Long, FairShare.Job> jobs, Map<Long, RunnableJob> runnable) {

    /** A job that may hand out tasks now, with what shapes its assignments. */
    record RunnableJob(long id, long jobtypeVersionId, Capacity.Needs needs, int batchSize, boolean contiguous,
                       BigDecimal by) {
    }

    FairShare.Farm farm() {
        return new FairShare.Farm(queues, List.copyOf(jobs.values()));
    }

    /**
     * Runnable: queued or running, not being deleted, not hidden (PyFarm: hidden jobs are kept from the queue),
     * every parent done, at least one queued task no agent holds. Paused jobs still count for the agents their
     * running tasks hold.
     */
    static FarmSnapshot read(Connection c) throws SQLException {
        List<ActiveJob> active = activeJobs(c);
        Map<Long, Integer> agentsPerJob = agentsPerJob(c, active.stream().map(a -> a.job().id()).toList());
        Map<Long, FairShare.Job> jobs = new LinkedHashMap<>();
        Map<Long, RunnableJob> runnable = new HashMap<>();
        for (ActiveJob a : active) {
            long id = a.job().id();
            int agents = agentsPerJob.getOrDefault(id, 0);
            if (agents == 0 && a.runnable() == null) {
                continue;
            }
            jobs.put(id, a.job().withAgents(agents));
            if (a.runnable() != null) {
                runnable.put(id, a.runnable());
            }
        }
        return new FarmSnapshot(queues(c), jobs, runnable);
    }

    /** A queued, running or paused job as fair share sees it (no agents counted yet), and whether it is runnable. */
    private record ActiveJob(FairShare.Job job, RunnableJob runnable) {
    }

    private static List<ActiveJob> activeJobs(Connection c) throws SQLException {
        List<ActiveJob> active = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.id, j.jobtype_version_id, j.job_queue_id, j.state, j.priority, j.weight, j.minimum_agents,
                       j.maximum_agents, j.cpus, j.ram, j.batch, j.frame_by, v.max_batch, v.batch_contiguous,
                       (j.state IN ('queued','running') AND j.to_be_deleted = FALSE AND j.hidden = FALSE
                        AND EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'queued'
                                       AND t.agent_id IS NULL)
                        AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.parentid
                                         WHERE d.childid = j.id AND p.state <> 'done')) AS runnable
                  FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                 WHERE j.state IN ('queued','running','paused')
                 ORDER BY j.id""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong("id");
                FairShare.Job job = new FairShare.Job(id, Sql.nullableLong(rs, "job_queue_id"), rs.getInt("priority"),
                        rs.getInt("weight"), rs.getInt("minimum_agents"), Sql.nullableInt(rs, "maximum_agents"),
                        "running".equals(rs.getString("state")), id, 0);
                RunnableJob runnable = !rs.getBoolean("runnable") ? null : new RunnableJob(id,
                        rs.getLong("jobtype_version_id"), new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")),
                        BatchPicker.batchSize(rs.getInt("batch"), Sql.nullableInt(rs, "max_batch")),
                        rs.getBoolean("batch_contiguous"), rs.getBigDecimal("frame_by"));
                active.add(new ActiveJob(job, runnable));
            }
        }
        return active;
    }

    /**
     * Distinct agents holding unfinished tasks of each job: ranges of ix_tasks_claim (job, state, agent) as long
     * as the jobs' active tasks, not their finished ones. The index is forced because MariaDB prefers
     * ix_tasks_agent_state, which holds every task ever assigned; a per-job correlated subquery would read all of
     * a job's tasks.
     */
    private static Map<Long, Integer> agentsPerJob(Connection c, List<Long> jobIds) throws SQLException {
        Map<Long, Integer> agents = new HashMap<>();
        if (jobIds.isEmpty()) {
            return agents;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT job_id, COUNT(DISTINCT agent_id) FROM tasks FORCE INDEX (ix_tasks_claim)
                 WHERE job_id IN (%s) AND state IN ('queued','running') AND agent_id IS NOT NULL
                 GROUP BY job_id""".formatted(Sql.placeholders(jobIds.size())))) {
            Sql.bindLongs(s, 1, jobIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    agents.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return agents;
    }

    private static List<FairShare.Queue> queues(Connection c) throws SQLException {
        List<FairShare.Queue> queues = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, parent_jobqueue_id, priority, weight, minimum_agents, maximum_agents FROM job_queues""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                queues.add(new FairShare.Queue(rs.getLong("id"), Sql.nullableLong(rs, "parent_jobqueue_id"),
                        rs.getInt("priority"), rs.getInt("weight"), rs.getInt("minimum_agents"),
                        Sql.nullableInt(rs, "maximum_agents")));
            }
        }
        return queues;
    }
}
