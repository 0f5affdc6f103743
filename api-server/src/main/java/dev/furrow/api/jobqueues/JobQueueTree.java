package dev.furrow.api.jobqueues;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobReferences;
import dev.furrow.api.jobs.JobSummary;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** The job queue tree (job_queues): lookups, writes that keep names unique per parent and paths current. */
final class JobQueueTree {

    /** The orders of GET /api/v1/jobqueues/; by path, so that every queue follows its parent. */
    static final Ordering ORDER = Ordering.by("fullpath", text("COALESCE(q.fullpath, q.name)"), number("q.id"))
            .or("id", number("q.id"))
            .or("name", text("q.name"), number("q.id"))
            .or("priority", number("q.priority"), number("q.id"));

    private final Sql sql;

    JobQueueTree(Sql sql) {
        this.sql = sql;
    }

    long find(String nameOrId) throws SQLException {
        return JobReferences.QUEUES.find(sql, nameOrId);
    }

    /** Deletes the queue a path names, if any. */
    boolean deleteIfExists(String nameOrId) throws SQLException {
        return JobReferences.QUEUES.ifFound(sql, nameOrId, this::delete);
    }

    long create(JobQueueFields fields) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>(fields.columns());
        columns.putIfAbsent("priority", 5);
        columns.putIfAbsent("weight", 10);
        checkParent(null, (Long) columns.get("parent_jobqueue_id"));
        checkLimits(columns);
        checkNameFree((String) columns.get("name"), (Long) columns.get("parent_jobqueue_id"), null);
        List<Object> values = new ArrayList<>(columns.values());
        long id = sql.insert("INSERT INTO job_queues (" + String.join(", ", columns.keySet()) + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)", values.toArray());
        refreshPaths(id);
        return id;
    }

    void update(long id, JobQueueFields fields) throws SQLException {
        Map<String, Object> columns = fields.columns();
        if (columns.isEmpty()) {
            return;
        }
        Map<String, Object> merged = sql.one("SELECT * FROM job_queues WHERE id = ?", JobQueueTree::columnValues, id).orElseThrow();
        merged.putAll(columns);
        if (columns.containsKey("parent_jobqueue_id")) {
            checkParent(id, (Long) columns.get("parent_jobqueue_id"));
        }
        checkLimits(merged);
        checkNameFree((String) merged.get("name"), (Long) merged.get("parent_jobqueue_id"), id);
        List<Object> values = new ArrayList<>(columns.values());
        values.add(id);
        sql.update("UPDATE job_queues SET " + String.join(" = ?, ", columns.keySet()) + " = ? WHERE id = ?", values.toArray());
        refreshPaths(id);
    }

    void delete(long id) throws SQLException {
        long jobs = sql.one("SELECT COUNT(*) FROM jobs WHERE job_queue_id = ?", row -> row.getLong(1), id).orElse(0L);
        long children = sql.one("SELECT COUNT(*) FROM job_queues WHERE parent_jobqueue_id = ?", row -> row.getLong(1), id).orElse(0L);
        if (jobs + children > 0) {
            throw ApiException.conflict("jobqueue " + id + " still holds " + jobs + " job(s) and " + children + " child queue(s)");
        }
        sql.update("DELETE FROM job_queues WHERE id = ?", id);
    }

    Page<JobQueue.Summary> list(PageRequest page) throws SQLException {
        return ListQuery.select("q.*", "job_queues q").page(sql, page, JobQueueTree::summary);
    }

    JobQueue document(long id) throws SQLException {
        JobQueue.Summary queue = sql.one("SELECT * FROM job_queues WHERE id = ?", JobQueueTree::summary, id).orElseThrow();
        JobQueue.Parent parent = queue.parentJobqueueId() == null ? null : sql.one("SELECT id, name FROM job_queues WHERE id = ?",
                row -> new JobQueue.Parent(row.getLong("id"), row.getString("name")), queue.parentJobqueueId()).orElseThrow();
        List<JobSummary> jobs = sql.list("SELECT id, title, state FROM jobs WHERE job_queue_id = ? ORDER BY id",
                row -> new JobSummary(row.getLong("id"), row.getString("title"), row.getString("state")), id);
        return new JobQueue(queue, parent, jobs);
    }

    private static JobQueue.Summary summary(ResultSet row) throws SQLException {
        return new JobQueue.Summary(row.getLong("id"), row.getString("name"), row.getString("fullpath"),
                row.getInt("priority"), row.getInt("weight"), Sql.nullableInt(row, "minimum_agents"),
                Sql.nullableInt(row, "maximum_agents"), Sql.nullableLong(row, "parent_jobqueue_id"));
    }

    /** The columns a write may change, for checking the merged result. */
    private static Map<String, Object> columnValues(ResultSet row) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", row.getString("name"));
        columns.put("minimum_agents", Sql.nullableInt(row, "minimum_agents"));
        columns.put("maximum_agents", Sql.nullableInt(row, "maximum_agents"));
        columns.put("parent_jobqueue_id", Sql.nullableLong(row, "parent_jobqueue_id"));
        return columns;
    }

    private void checkParent(Long id, Long parent) throws SQLException {
        record Parent(Long id) {
        }
        Long ancestor = parent;
        while (ancestor != null) {
            if (ancestor.equals(id)) {
                throw ApiException.badRequest("jobqueue " + id + " cannot be its own ancestor");
            }
            long current = ancestor;
            ancestor = sql.one("SELECT parent_jobqueue_id FROM job_queues WHERE id = ?",
                            row -> new Parent(Sql.nullableLong(row, "parent_jobqueue_id")), current)
                    .orElseThrow(() -> ApiException.notFound("parent jobqueue " + current + " not found"))
                    .id();
        }
    }

    private static void checkLimits(Map<String, Object> columns) {
        Integer min = (Integer) columns.get("minimum_agents");
        Integer max = (Integer) columns.get("maximum_agents");
        if (min != null && max != null && min > max) {
            throw ApiException.badRequest("minimum_agents (" + min + ") must not exceed maximum_agents (" + max + ")");
        }
    }

    private void checkNameFree(String name, Long parent, Long self) throws SQLException {
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        Optional<Long> clash = sql.one("SELECT id FROM job_queues WHERE name = ? AND parent_key = ?",
                row -> row.getLong(1), name, parent == null ? 0L : parent);
        if (clash.isPresent() && !clash.get().equals(self)) {
            throw ApiException.conflict("a jobqueue named '" + name + "' exists at that place in the tree");
        }
    }

    /** Recomputes fullpath (parent path + "/" + name) for the queue and everything below it. */
    private void refreshPaths(long id) throws SQLException {
        record Node(String name, Long parent) {
        }
        Node node = sql.one("SELECT name, parent_jobqueue_id FROM job_queues WHERE id = ?",
                row -> new Node(row.getString(1), Sql.nullableLong(row, "parent_jobqueue_id")), id).orElseThrow();
        String path = node.parent() == null ? node.name()
                : sql.one("SELECT fullpath FROM job_queues WHERE id = ?", row -> row.getString(1), node.parent()).orElseThrow() + "/" + node.name();
        sql.update("UPDATE job_queues SET fullpath = ? WHERE id = ?", path, id);
        for (long child : sql.list("SELECT id FROM job_queues WHERE parent_jobqueue_id = ?", row -> row.getLong(1), id)) {
            refreshPaths(child);
        }
    }
}
