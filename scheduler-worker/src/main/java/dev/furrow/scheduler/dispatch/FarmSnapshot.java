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
     * Agents per job: distinct agents holding its unfinished tasks, a range of ix_tasks_claim (job, state, agent)
     * as long as the job's active tasks, not its finished ones (MariaDB prefers ix_tasks_agent_state without the
     * hint, which scans every task ever assigned). Runnable: queued or running, not being deleted, not hidden (PyFarm: hidden jobs are kept from the queue),
     * every parent done, at least one queued task no agent holds. Paused jobs still count for the agents their
     * running tasks hold.
     */
    static FarmSnapshot read(Connection c) throws SQLException {
        Map<Long, FairShare.Job> jobs = new LinkedHashMap<>();
        Map<Long, RunnableJob> runnable = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.id, j.jobtype_version_id, j.job_queue_id, j.state, j.priority, j.weight, j.minimum_agents,
                       j.maximum_agents, j.cpus, j.ram, j.batch, j.frame_by, v.max_batch, v.batch_contiguous,
                       (SELECT COUNT(DISTINCT t.agent_id) FROM tasks t FORCE INDEX (ix_tasks_claim)
                         WHERE t.job_id = j.id AND t.state IN ('queued','running') AND t.agent_id IS NOT NULL)
                           AS agents,
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
                int agents = rs.getInt("agents");
                boolean isRunnable = rs.getBoolean("runnable");
                if (agents == 0 && !isRunnable) {
                    continue;
                }
                jobs.put(id, new FairShare.Job(id, Sql.nullableLong(rs, "job_queue_id"), rs.getInt("priority"),
                        rs.getInt("weight"), rs.getInt("minimum_agents"), Sql.nullableInt(rs, "maximum_agents"),
                        "running".equals(rs.getString("state")), id, agents));
                if (isRunnable) {
                    runnable.put(id, new RunnableJob(id, rs.getLong("jobtype_version_id"),
                            new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")),
                            BatchPicker.batchSize(rs.getInt("batch"), Sql.nullableInt(rs, "max_batch")),
                            rs.getBoolean("batch_contiguous"), rs.getBigDecimal("frame_by")));
                }
            }
        }
        return new FarmSnapshot(queues(c), jobs, runnable);
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
