package dev.furrow.api.tasks;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobStates;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Applies a {@link TaskChange} to a stored task with {@link TaskTransition} and rolls the job's state up. */
final class TaskUpdater {

    private TaskUpdater() {
    }

    static void update(Sql sql, long jobId, long taskId, TaskChange change, Instant now) throws SQLException {
        int requeue = sql.one("SELECT requeue FROM jobs WHERE id = ?", row -> row.getInt(1), jobId).orElseThrow();
        TaskTransition.TaskValues old = sql.one(
                "SELECT * FROM tasks WHERE id = ? AND job_id = ? FOR UPDATE", row -> new TaskTransition.TaskValues(
                        row.getString("state"), row.getInt("attempts"), row.getInt("failures"), row.getFloat("progress"),
                        row.getString("agent_id") == null ? null : UUID.fromString(row.getString("agent_id")),
                        row.getString("last_error"), row.getBoolean("hidden"),
                        Sql.instant(row, "time_started"), Sql.instant(row, "time_finished")),
                taskId, jobId).orElseThrow(() -> ApiException.notFound("task " + taskId + " of job " + jobId + " not found"));
        if (change.agentGiven() && change.agentId() != null
                && sql.one("SELECT id FROM agents WHERE id = ?", row -> row.getString(1), change.agentId().toString()).isEmpty()) {
            throw ApiException.notFound("agent " + change.agentId() + " not found");
        }
        TaskTransition.Outcome outcome = TaskTransition.apply(old, change, requeue, now);
        TaskTransition.TaskValues task = outcome.task();
        sql.update("""
                UPDATE tasks SET state = ?, attempts = ?, failures = ?, progress = ?, agent_id = ?, last_error = ?,
                    hidden = ?, time_started = ?, time_finished = ?, last_report_at = ?
                WHERE id = ?""",
                task.state(), task.attempts(), task.failures(), task.progress(),
                task.agentId() == null ? null : task.agentId().toString(), task.lastError(), task.hidden(),
                task.timeStarted(), task.timeFinished(), now, taskId);
        if (outcome.failedOnAgent() != null) {
            sql.update("INSERT IGNORE INTO failed_tasks_in_agents (task_id, agent_id) VALUES (?, ?)",
                    taskId, outcome.failedOnAgent().toString());
        }
        JobStates.recompute(sql, jobId, now);
    }
}
