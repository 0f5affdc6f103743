package dev.furrow.scheduler;

import dev.furrow.testing.TestDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The test's view of the database: submits jobs the way the api-server stores them, and reads rows back. */
public final class FarmDb {

    private final Supplier<TestDatabase> database;

    /** {@code database} is asked on each use: the worker fixture creates the database when the test class starts. */
    FarmDb(Supplier<TestDatabase> database) {
        this.database = database;
    }

    /** A job to insert; defaults are PyFarm's. */
    public static final class JobSpec {
        String title = "job";
        String jobtype = "command";
        double start = 1;
        double end = 1;
        double by = 1;
        int priority = 0;
        int batch = 1;
        int requeue = 3;
        int cpus = 1;
        int ram = 32;
        String state = "queued";
        String data = "{\"command\": [\"echo\", \"{frame}\"]}";
        String environ = "{\"FOO\": \"bar\"}";
        List<Long> parents = List.of();
        Long queue;
        int weight = 10;
        Integer minimumAgents;
        Integer maximumAgents;

        public JobSpec title(String title) { this.title = title; return this; }
        public JobSpec jobtype(String jobtype) { this.jobtype = jobtype; return this; }
        public JobSpec frames(double start, double end) { this.start = start; this.end = end; return this; }
        public JobSpec by(double by) { this.by = by; return this; }
        public JobSpec priority(int priority) { this.priority = priority; return this; }
        public JobSpec batch(int batch) { this.batch = batch; return this; }
        public JobSpec requeue(int requeue) { this.requeue = requeue; return this; }
        public JobSpec cpus(int cpus) { this.cpus = cpus; return this; }
        public JobSpec ram(int ram) { this.ram = ram; return this; }
        public JobSpec paused() { this.state = "paused"; return this; }
        public JobSpec parents(Long... parents) { this.parents = List.of(parents); return this; }
        public JobSpec queue(long queue) { this.queue = queue; return this; }
        public JobSpec weight(int weight) { this.weight = weight; return this; }
        public JobSpec agents(Integer minimum, Integer maximum) {
            this.minimumAgents = minimum; this.maximumAgents = maximum; return this;
        }
    }

    public static JobSpec job() {
        return new JobSpec();
    }

    /** Inserts the job and one task per frame; returns the job id. */
    public long submit(JobSpec spec) {
        try (Connection c = database.get().connect()) {
            long versionId = queryLong(c, "SELECT v.id FROM jobtype_versions v JOIN jobtypes t ON t.id = v.jobtype_id "
                    + "WHERE t.name = '" + spec.jobtype + "' ORDER BY v.version DESC LIMIT 1");
            long jobId;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO jobs (jobtype_version_id, title, state, priority, frame_start, frame_end, frame_by,
                                      batch, requeue, cpus, ram, data, environ, time_submitted, job_queue_id,
                                      weight, minimum_agents, maximum_agents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                int i = 1;
                s.setLong(i++, versionId);
                s.setString(i++, spec.title);
                s.setString(i++, spec.state);
                s.setInt(i++, spec.priority);
                s.setDouble(i++, spec.start);
                s.setDouble(i++, spec.end);
                s.setDouble(i++, spec.by);
                s.setInt(i++, spec.batch);
                s.setInt(i++, spec.requeue);
                s.setInt(i++, spec.cpus);
                s.setInt(i++, spec.ram);
                s.setString(i++, spec.data);
                s.setString(i++, spec.environ);
                s.setObject(i++, LocalDateTime.now());
                s.setObject(i++, spec.queue);
                s.setInt(i++, spec.weight);
                s.setObject(i++, spec.minimumAgents);
                s.setObject(i, spec.maximumAgents);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    jobId = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO tasks (job_id, frame, state, time_submitted) VALUES (?, ?, 'queued', ?)")) {
                for (double frame = spec.start; frame <= spec.end; frame += spec.by) {
                    s.setLong(1, jobId);
                    s.setBigDecimal(2, BigDecimal.valueOf(frame));
                    s.setObject(3, LocalDateTime.now());
                    s.addBatch();
                }
                s.executeBatch();
            }
            for (long parent : spec.parents) {
                update("INSERT INTO job_dependencies (parentid, childid) VALUES (?, ?)", parent, jobId);
            }
            return jobId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a job queue; returns its id. */
    public long createQueue(String name, Long parent, int priority, int weight, Integer minimum, Integer maximum) {
        update("INSERT INTO job_queues (name, parent_jobqueue_id, priority, weight, minimum_agents, maximum_agents) "
                + "VALUES (?, ?, ?, ?, ?, ?)", name, parent, priority, weight, minimum, maximum);
        return count("SELECT id FROM job_queues WHERE name = ? AND parent_key = ?", name, parent == null ? 0 : parent);
    }

    public List<Long> taskIds(long jobId) {
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> row : rows("SELECT id FROM tasks WHERE job_id = ? ORDER BY frame", jobId)) {
            ids.add(((Number) row.get("id")).longValue());
        }
        return ids;
    }

    public Map<String, Object> task(long taskId) {
        return row("SELECT * FROM tasks WHERE id = ?", taskId);
    }

    public Map<String, Object> job(long jobId) {
        return row("SELECT * FROM jobs WHERE id = ?", jobId);
    }

    public Map<String, Object> agent(java.util.UUID agentId) {
        return row("SELECT * FROM agents WHERE id = ?", agentId.toString());
    }

    public Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = database.get().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) row(sql, params).values().iterator().next()).longValue();
    }

    public int update(String sql, Object... params) {
        try (Connection c = database.get().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Forgets every job and takes every agent offline, so each test starts with an empty farm. */
    public void reset() {
        update("DELETE FROM jobs");
        update("DELETE FROM job_queues WHERE parent_jobqueue_id IS NOT NULL");
        update("DELETE FROM job_queues");
        update("UPDATE agents SET state = 'offline'");
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return rs.getLong(1);
        }
    }
}
