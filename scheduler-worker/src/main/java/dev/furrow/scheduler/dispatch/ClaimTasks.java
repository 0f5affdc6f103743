package dev.furrow.scheduler.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.scheduler.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Claims the next batch of queued tasks for one agent inside the caller's transaction. The agent row is locked
 * first (so two dispatchers never both fill the same agent), tasks are locked with FOR UPDATE SKIP LOCKED (so
 * two dispatchers never wait for, or take, the same task) and then stamped with the agent, a fresh assignment
 * id and the next attempt. Which job is served follows {@link FairShare} among the jobs the agent may take; the
 * batch shrinks to what fits under the job's limits ({@link LockLimits}, {@link LimitFit}), and a job whose limits
 * are full is passed over. The caller publishes the returned {@link AssignTasks} after the commit.
 */
final class ClaimTasks {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimTasks.class);

    private ClaimTasks() {
    }

    static ClaimResult claim(Connection c, UUID agentId, DispatchRules rules, Instant now) throws SQLException {
        Optional<Capacity.Agent> agent = lockAgent(c, agentId);
        if (agent.isEmpty()) {
            return new ClaimResult.AgentUnavailable();
        }
        if (!agent.get().active().isEmpty() && !rules.allowSharing()) {
            return new ClaimResult.AgentFull();
        }
        Snapshot snapshot = snapshot(c);
        if (snapshot.runnable().isEmpty()) {
            return new ClaimResult.NothingRunnable();
        }
        Set<Long> usable = usableJobs(c, agentId, agent.get(), snapshot.runnable().values(), rules);
        Optional<Long> chosen;
        while ((chosen = FairShare.jobFor(snapshot.farm(), usable, rules.preferRunningJobs())).isPresent()) {
            JobCandidate job = snapshot.runnable().get(chosen.get());
            int size = LimitFit.tasksThatFit(LockLimits.of(c, job.id()),
                    BatchPicker.batchSize(job.batch(), job.maxBatch()));
            if (size == 0) {
                // A limit it declares is at capacity: offer the agent another job.
                usable.remove(job.id());
                continue;
            }
            List<BatchPicker.Candidate> locked = lockQueuedTasks(c, job.id(), agentId, size);
            List<BatchPicker.Candidate> batch = BatchPicker.pick(locked, size, job.contiguous(), job.by());
            if (batch.isEmpty()) {
                // Other dispatchers hold its rows, or this agent failed every task left: ask fair share again.
                usable.remove(job.id());
                continue;
            }
            UUID assignmentId = UUID.randomUUID();
            stamp(c, batch, agentId, assignmentId, now);
            return new ClaimResult.Claimed(agentId, assignment(c, job.id(), assignmentId, batch, now));
        }
        return new ClaimResult.NothingFits();
    }

    /** The runnable jobs this agent may take: they fit its resources and it meets their requirements. */
    private static Set<Long> usableJobs(Connection c, UUID agentId, Capacity.Agent agent,
                                        Iterable<JobCandidate> runnable, DispatchRules rules) throws SQLException {
        Requirements.Offer offer = AgentOffer.read(c, agentId);
        Map<Long, Requirements> jobNeeds = JobRequirements.ofActiveJobs(c);
        Map<Long, Requirements> jobtypeNeeds = JobRequirements.ofJobtypeVersions(c);
        Set<Long> usable = new HashSet<>();
        for (JobCandidate job : runnable) {
            Requirements needs = jobNeeds.getOrDefault(job.id(), Requirements.NONE)
                    .and(jobtypeNeeds.getOrDefault(job.jobtypeVersionId(), Requirements.NONE));
            if (Capacity.fits(agent, job.needs(), rules.allowSharing(), rules.useTotalRam())
                    && needs.satisfiedBy(offer)) {
                usable.add(job.id());
            }
        }
        return usable;
    }

    /** A runnable job's scheduling fields. */
    private record JobCandidate(long id, long jobtypeVersionId, Capacity.Needs needs, int batch, Integer maxBatch,
                                boolean contiguous, BigDecimal by) {
    }

    private static Optional<Capacity.Agent> lockAgent(Connection c, UUID agentId) throws SQLException {
        int cpus;
        int ram;
        int freeRam;
        double cpuAllocation;
        double ramAllocation;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT cpus, ram, free_ram, cpu_allocation, ram_allocation FROM agents
                 WHERE id = ? AND state IN ('online','running') FOR UPDATE""")) {
            s.setString(1, agentId.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                cpus = rs.getInt("cpus");
                ram = rs.getInt("ram");
                freeRam = rs.getInt("free_ram");
                cpuAllocation = rs.getDouble("cpu_allocation");
                ramAllocation = rs.getDouble("ram_allocation");
            }
        }
        List<Capacity.Needs> active = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT MIN(j.cpus) AS cpus, MIN(j.ram) AS ram FROM tasks t JOIN jobs j ON j.id = t.job_id
                 WHERE t.agent_id = ? AND t.state IN ('queued','running')
                 GROUP BY t.assignment_id""")) {
            s.setString(1, agentId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    active.add(new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")));
                }
            }
        }
        return Optional.of(Capacity.Agent.allocated(cpus, ram, freeRam, cpuAllocation, ramAllocation, active));
    }

    /** The queue tree with every job that holds agents or may hand out tasks, and those runnable jobs. */
    private record Snapshot(FairShare.Farm farm, Map<Long, JobCandidate> runnable) {
    }

    /**
     * Reads the fair-share snapshot: every job queue, and every job that holds agents (distinct agents with
     * unfinished tasks of it) or is runnable: queued or running, not being deleted, not hidden, every parent done,
     * with at least one queued unassigned task.
     */
    private static Snapshot snapshot(Connection c) throws SQLException {
        List<FairShare.Queue> queues = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, parent_jobqueue_id, priority, weight, minimum_agents, maximum_agents FROM job_queues""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                queues.add(new FairShare.Queue(rs.getLong("id"), nullableLong(rs, "parent_jobqueue_id"),
                        rs.getInt("priority"), rs.getInt("weight"), rs.getInt("minimum_agents"),
                        nullableInt(rs, "maximum_agents")));
            }
        }
        String sql = """
                SELECT j.id, j.jobtype_version_id, j.job_queue_id, j.state, j.priority, j.weight, j.minimum_agents, j.maximum_agents,
                       j.cpus, j.ram, j.batch, j.frame_by, v.max_batch, v.batch_contiguous,
                       (SELECT COUNT(DISTINCT t.agent_id) FROM tasks t
                         WHERE t.job_id = j.id AND t.state IN ('queued','running') AND t.agent_id IS NOT NULL)
                           AS agents,
                       (j.state IN ('queued','running') AND j.to_be_deleted = FALSE AND j.hidden = FALSE
                        AND EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'queued'
                                       AND t.agent_id IS NULL)
                        AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.parentid
                                         WHERE d.childid = j.id AND p.state <> 'done')) AS runnable
                  FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                 WHERE j.state IN ('queued','running','paused')""";
        List<FairShare.Job> jobs = new ArrayList<>();
        Map<Long, JobCandidate> runnable = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong("id");
                int agents = rs.getInt("agents");
                boolean isRunnable = rs.getBoolean("runnable");
                if (agents == 0 && !isRunnable) {
                    continue;
                }
                jobs.add(new FairShare.Job(id, nullableLong(rs, "job_queue_id"), rs.getInt("priority"),
                        rs.getInt("weight"), rs.getInt("minimum_agents"), nullableInt(rs, "maximum_agents"),
                        "running".equals(rs.getString("state")), id, agents));
                if (isRunnable) {
                    runnable.put(id, new JobCandidate(id, rs.getLong("jobtype_version_id"), new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")),
                            rs.getInt("batch"), nullableInt(rs, "max_batch"), rs.getBoolean("batch_contiguous"),
                            rs.getBigDecimal("frame_by")));
                }
            }
        }
        return new Snapshot(new FairShare.Farm(queues, jobs), runnable);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * Locks up to {@code limit} queued, unassigned tasks of the job in frame order, skipping rows another
     * dispatcher holds. A task this agent failed before is skipped while some other online agent has not failed
     * it (PyFarm's failed_in_agents); when every online agent failed it, this agent may try again.
     */
    private static List<BatchPicker.Candidate> lockQueuedTasks(Connection c, long jobId, UUID agentId, int limit)
            throws SQLException {
        String sql = """
                SELECT t.id, t.frame, t.tile, t.attempts FROM tasks t
                 WHERE t.job_id = ? AND t.state = 'queued' AND t.agent_id IS NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM failed_tasks_in_agents f
                        WHERE f.task_id = t.id AND f.agent_id = ?
                          AND EXISTS (SELECT 1 FROM agents o
                                       WHERE o.id <> f.agent_id AND o.state IN ('online','running')
                                         AND NOT EXISTS (SELECT 1 FROM failed_tasks_in_agents g
                                                          WHERE g.task_id = t.id AND g.agent_id = o.id)))
                 ORDER BY t.frame, t.tile
                 LIMIT ?
                 FOR UPDATE SKIP LOCKED""";
        List<BatchPicker.Candidate> tasks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, jobId);
            s.setString(2, agentId.toString());
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int tile = rs.getInt("tile");
                    tasks.add(new BatchPicker.Candidate(rs.getLong("id"), rs.getBigDecimal("frame"),
                            rs.wasNull() ? null : tile, rs.getInt("attempts")));
                }
            }
        }
        return tasks;
    }

    private static void stamp(Connection c, List<BatchPicker.Candidate> batch, UUID agentId, UUID assignmentId,
                              Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET agent_id = ?, assignment_id = ?, attempts = attempts + 1, sent_to_agent = TRUE,
                       report_sequence = 0, progress = 0, assigned_at = ?
                 WHERE id = ? AND state = 'queued' AND agent_id IS NULL""")) {
            for (BatchPicker.Candidate task : batch) {
                s.setString(1, agentId.toString());
                s.setString(2, assignmentId.toString());
                Sql.setInstant(s, 3, now);
                s.setLong(4, task.id());
                s.addBatch();
            }
            for (int updated : s.executeBatch()) {
                if (updated != 1 && updated != java.sql.Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("a task locked for assignment " + assignmentId
                            + " changed under its lock; the claim is rolled back");
                }
            }
        }
    }

    private static AssignTasks assignment(Connection c, long jobId, UUID assignmentId,
                                          List<BatchPicker.Candidate> batch, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.title, j.data, j.environ, j.frame_by, j.cpus, j.ram, j.ram_warning, j.ram_max,
                       u.username, jt.name AS jobtype, v.version
                  FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                  JOIN jobtypes jt ON jt.id = v.jobtype_id
                  LEFT JOIN users u ON u.id = j.user_id
                 WHERE j.id = ?""")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int ramWarning = rs.getInt("ram_warning");
                Integer warning = rs.wasNull() ? null : ramWarning;
                int ramMax = rs.getInt("ram_max");
                Integer max = rs.wasNull() ? null : ramMax;
                var job = new AssignTasks.Job(jobId, rs.getString("title"), rs.getString("username"),
                        rs.getString("jobtype"), rs.getInt("version"),
                        data(jobId, rs.getString("data")), environ(jobId, rs.getString("environ")),
                        rs.getBigDecimal("frame_by").doubleValue(), rs.getInt("cpus"), rs.getInt("ram"),
                        warning, max);
                List<AssignTasks.Task> tasks = batch.stream()
                        .map(t -> new AssignTasks.Task(t.id(), t.frame().doubleValue(), t.tile(), t.attempts() + 1))
                        .toList();
                return new AssignTasks(assignmentId, job, tasks, now);
            }
        }
    }

    private static JsonNode data(long jobId, String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            // The api-server validates data on submission; a row written some other way still gets dispatched
            // and the job type reports what it cannot use.
            LOG.warn("job {} has data that is not JSON; sending it as a string", jobId);
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static Map<String, String> environ(long jobId, String text) {
        Map<String, String> environ = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return environ;
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            node.fields().forEachRemaining(e -> environ.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        } catch (IOException e) {
            LOG.warn("job {} has an environ that is not a JSON object; sending an empty environment", jobId);
        }
        return environ;
    }
}
