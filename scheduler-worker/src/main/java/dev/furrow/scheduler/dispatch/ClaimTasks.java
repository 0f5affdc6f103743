package dev.furrow.scheduler.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims the next batch of queued tasks for one agent inside the caller's transaction. The agent row is locked
 * first (so two dispatchers never both fill the same agent), tasks are locked with FOR UPDATE SKIP LOCKED (so
 * two dispatchers never wait for, or take, the same task) and then stamped with the agent, a fresh assignment
 * id and the next attempt. The caller publishes the returned {@link AssignTasks} after the commit.
 */
final class ClaimTasks {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimTasks.class);
    private static final int CANDIDATE_JOBS = 50;

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
        List<JobCandidate> jobs = runnableJobs(c, rules);
        if (jobs.isEmpty()) {
            return new ClaimResult.NothingRunnable();
        }
        for (JobCandidate job : jobs) {
            if (!Capacity.fits(agent.get(), job.needs(), rules.allowSharing(), rules.useTotalRam())) {
                continue;
            }
            int size = BatchPicker.batchSize(job.batch(), job.maxBatch());
            List<BatchPicker.Candidate> locked = lockQueuedTasks(c, job.id(), agentId, size);
            List<BatchPicker.Candidate> batch = BatchPicker.pick(locked, size, job.contiguous(), job.by());
            if (batch.isEmpty()) {
                continue;
            }
            UUID assignmentId = UUID.randomUUID();
            stamp(c, batch, agentId, assignmentId);
            return new ClaimResult.Claimed(agentId, assignment(c, job.id(), assignmentId, batch, now));
        }
        return new ClaimResult.NothingFits();
    }

    /** A runnable job's scheduling fields. */
    private record JobCandidate(long id, Capacity.Needs needs, int batch, Integer maxBatch, boolean contiguous,
                                BigDecimal by) {
    }

    private static Optional<Capacity.Agent> lockAgent(Connection c, UUID agentId) throws SQLException {
        int cpus;
        int ram;
        int freeRam;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT cpus, ram, free_ram FROM agents WHERE id = ? AND state IN ('online','running') FOR UPDATE""")) {
            s.setString(1, agentId.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                cpus = rs.getInt("cpus");
                ram = rs.getInt("ram");
                freeRam = rs.getInt("free_ram");
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
        return Optional.of(new Capacity.Agent(cpus, ram, freeRam, active));
    }

    /**
     * Jobs that may hand out tasks now, best first: not paused, not being deleted, not hidden, every parent
     * done, with at least one queued unassigned task.
     */
    private static List<JobCandidate> runnableJobs(Connection c, DispatchRules rules) throws SQLException {
        String preferRunning = rules.preferRunningJobs() ? "(j.state = 'running') DESC, " : "";
        String sql = """
                SELECT j.id, j.cpus, j.ram, j.batch, j.frame_by, v.max_batch, v.batch_contiguous
                  FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                 WHERE j.state IN ('queued','running') AND j.to_be_deleted = FALSE AND j.hidden = FALSE
                   AND EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'queued'
                                  AND t.agent_id IS NULL)
                   AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.parentid
                                    WHERE d.childid = j.id AND p.state <> 'done')
                 ORDER BY j.priority DESC, %s j.id
                 LIMIT %d""".formatted(preferRunning, CANDIDATE_JOBS);
        List<JobCandidate> jobs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int maxBatch = rs.getInt("max_batch");
                jobs.add(new JobCandidate(rs.getLong("id"),
                        new Capacity.Needs(rs.getInt("cpus"), rs.getInt("ram")),
                        rs.getInt("batch"), rs.wasNull() ? null : maxBatch, rs.getBoolean("batch_contiguous"),
                        rs.getBigDecimal("frame_by")));
            }
        }
        return jobs;
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

    private static void stamp(Connection c, List<BatchPicker.Candidate> batch, UUID agentId, UUID assignmentId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET agent_id = ?, assignment_id = ?, attempts = attempts + 1, sent_to_agent = TRUE,
                       report_sequence = 0, progress = 0
                 WHERE id = ? AND state = 'queued' AND agent_id IS NULL""")) {
            for (BatchPicker.Candidate task : batch) {
                s.setString(1, agentId.toString());
                s.setString(2, assignmentId.toString());
                s.setLong(3, task.id());
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
