package dev.furrow.api.tasklogs;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobFinder;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;
import dev.furrow.api.tasks.TasksController;
import dev.furrow.store.logs.TaskLogFiles;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;
import static dev.furrow.api.listing.Ordering.time;

/** The task_logs rows and their association with task attempts. */
final class TaskLogRegistry {

    /** The orders of an attempt's logs; PyFarm lists them as they were created. */
    static final Ordering ORDER = Ordering.by("created_on", time("l.created_on"), number("l.id"))
            .or("identifier", text("l.identifier"));

    private final Sql sql;

    TaskLogRegistry(Sql sql) {
        this.sql = sql;
    }

    /** One attempt of one task, as named in the path; 404 when the task is not the job's. */
    record Attempt(long jobId, long taskId, int attempt) {
    }

    Attempt attempt(String job, String task, String attempt) throws SQLException {
        long jobId = JobFinder.find(sql, job);
        long taskId = TasksController.taskId(task);
        if (sql.one("SELECT id FROM tasks WHERE id = ? AND job_id = ?", row -> row.getLong(1), taskId, jobId).isEmpty()) {
            throw ApiException.notFound("task " + taskId + " of job " + jobId + " not found");
        }
        if (!attempt.matches("[0-9]{1,9}")) {
            throw ApiException.notFound("attempt '" + attempt + "' not found; attempts are numbers");
        }
        return new Attempt(jobId, taskId, Integer.parseInt(attempt));
    }

    static String checkIdentifier(String identifier) {
        if (!TaskLogFiles.isValidIdentifier(identifier)) {
            throw ApiException.badRequest("'" + identifier + "' is not an acceptable log identifier: use 1-"
                    + TaskLogFiles.MAX_IDENTIFIER_LENGTH + " letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        }
        return identifier;
    }

    Page<Map<String, Object>> logsOf(Attempt attempt, PageRequest page) throws SQLException {
        return ListQuery.select("l.*", "task_logs l JOIN task_log_associations a ON a.task_log_id = l.id")
                .where("a.task_id = ? AND a.attempt = ?", attempt.taskId(), attempt.attempt())
                .page(sql, page, row -> document(row.getLong("id"), row.getString("identifier"),
                        row.getString("agent_id"), Sql.instant(row, "created_on")));
    }

    Optional<Map<String, Object>> log(Attempt attempt, String identifier) throws SQLException {
        return sql.one("""
                SELECT l.* FROM task_logs l JOIN task_log_associations a ON a.task_log_id = l.id
                WHERE a.task_id = ? AND a.attempt = ? AND l.identifier = ?""",
                row -> document(row.getLong("id"), row.getString("identifier"), row.getString("agent_id"),
                        Sql.instant(row, "created_on")),
                attempt.taskId(), attempt.attempt(), identifier);
    }

    Map<String, Object> requireLog(Attempt attempt, String identifier) throws SQLException {
        return log(attempt, identifier).orElseThrow(() -> ApiException.notFound("log '" + identifier
                + "' is not registered for attempt " + attempt.attempt() + " of task " + attempt.taskId()));
    }

    /** Registers a log with an attempt; the same identifier on several tasks is one shared log (PyFarm). */
    Map<String, Object> register(Attempt attempt, String identifier, String agentId, Instant now) throws SQLException {
        if (agentId != null && sql.one("SELECT id FROM agents WHERE id = ?", row -> row.getString(1), agentId).isEmpty()) {
            throw ApiException.notFound("agent " + agentId + " not found");
        }
        sql.update("INSERT IGNORE INTO task_logs (identifier, agent_id, created_on) VALUES (?, ?, ?)", identifier, agentId, now);
        long logId = sql.one("SELECT id FROM task_logs WHERE identifier = ?", row -> row.getLong(1), identifier).orElseThrow();
        int added = sql.update("INSERT IGNORE INTO task_log_associations (task_log_id, task_id, attempt) VALUES (?, ?, ?)",
                logId, attempt.taskId(), attempt.attempt());
        if (added == 0) {
            throw ApiException.conflict("log '" + identifier + "' is already registered for attempt " + attempt.attempt()
                    + " of task " + attempt.taskId());
        }
        return requireLog(attempt, identifier);
    }

    void setState(Attempt attempt, String identifier, String state) throws SQLException {
        sql.update("""
                UPDATE task_log_associations a JOIN task_logs l ON l.id = a.task_log_id SET a.state = ?
                WHERE a.task_id = ? AND a.attempt = ? AND l.identifier = ?""",
                state, attempt.taskId(), attempt.attempt(), identifier);
    }

    private static Map<String, Object> document(long id, String identifier, String agentId, Instant createdOn) {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("id", id);
        log.put("identifier", identifier);
        log.put("agent_id", agentId);
        log.put("created_on", Times.format(createdOn));
        return log;
    }
}
