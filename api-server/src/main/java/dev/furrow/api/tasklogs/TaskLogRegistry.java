package dev.furrow.api.tasklogs;

import dev.furrow.api.agents.AgentFinder;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;
import dev.furrow.api.tasks.TaskFinder;
import dev.furrow.store.logs.TaskLogFiles;

import java.sql.SQLException;
import java.time.Instant;
import java.sql.ResultSet;

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
        TaskFinder.Found found = TaskFinder.find(sql, job, task);
        if (!attempt.matches("[0-9]{1,9}")) {
            throw ApiException.notFound("attempt '" + attempt + "' not found; attempts are numbers");
        }
        return new Attempt(found.jobId(), found.taskId(), Integer.parseInt(attempt));
    }

    static String checkIdentifier(String identifier) {
        if (!TaskLogFiles.isValidIdentifier(identifier)) {
            throw ApiException.badRequest("'" + identifier + "' is not an acceptable log identifier: use 1-"
                    + TaskLogFiles.MAX_IDENTIFIER_LENGTH + " letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        }
        return identifier;
    }

    Page<TaskLog> logsOf(Attempt attempt, PageRequest page) throws SQLException {
        return ListQuery.select("l.*", "task_logs l JOIN task_log_associations a ON a.task_log_id = l.id")
                .where("a.task_id = ? AND a.attempt = ?", attempt.taskId(), attempt.attempt())
                .page(sql, page, TaskLogRegistry::document);
    }

    TaskLog requireLog(Attempt attempt, String identifier) throws SQLException {
        return sql.one("""
                SELECT l.* FROM task_logs l JOIN task_log_associations a ON a.task_log_id = l.id
                WHERE a.task_id = ? AND a.attempt = ? AND l.identifier = ?""", TaskLogRegistry::document,
                attempt.taskId(), attempt.attempt(), identifier).orElseThrow(() -> ApiException.notFound("log '" + identifier
                + "' is not registered for attempt " + attempt.attempt() + " of task " + attempt.taskId()));
    }

    /** Registers a log with an attempt; the same identifier on several tasks is one shared log (PyFarm). */
    TaskLog register(Attempt attempt, String identifier, String agentId, Instant now) throws SQLException {
        if (agentId != null) {
            AgentFinder.require(sql, agentId);
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

    private static TaskLog document(ResultSet row) throws SQLException {
        return new TaskLog(row.getLong("id"), row.getString("identifier"), row.getString("agent_id"),
                Times.format(Sql.instant(row, "created_on")));
    }
}
