package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.store.Sql;
import dev.furrow.messages.JobChanged;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The actions PyFarm's web UI offered on a job, each inside the caller's transaction; each returns the event to
 * publish after the commit. Tasks an agent holds (running, or sent and still queued) are never taken from it here:
 * rerunning one asks the scheduler to stop it ({@code TASKS_CANCELLED}) and the agent's "stopped" report frees it.
 */
final class JobActions {

    /** The change to announce, or none when the action changed nothing. */
    record Outcome(JobChanged.Change change, List<Long> taskIds) {
        static Outcome none() {
            return new Outcome(null, List.of());
        }
    }

    /** Tasks no agent holds: finished, failed, or queued and unassigned. */
    private static final String NOT_HELD = "(state IN ('done', 'failed', 'paused') OR (state = 'queued' AND agent_id IS NULL))";
    private static final String BACK_TO_QUEUE = """
            UPDATE tasks SET state = 'queued', agent_id = NULL, sent_to_agent = FALSE, failures = 0, progress = 0,
                last_error = NULL, time_started = NULL, time_finished = NULL
            WHERE job_id = ? AND\s""";

    private final Sql sql;

    JobActions(Sql sql) {
        this.sql = sql;
    }

    /** PyFarm's Job.rerun: every task not running goes back to the queue with its failures reset; attempts stay. */
    Outcome rerun(long jobId, Instant now) throws SQLException {
        return requeue(jobId, NOT_HELD, now);
    }

    /** The failed tasks go back to the queue with their failures reset. */
    Outcome rerunFailed(long jobId, Instant now) throws SQLException {
        return requeue(jobId, "state = 'failed'", now);
    }

    Outcome rerunTask(long jobId, long taskId, Instant now) throws SQLException {
        record Task(String state, String agent) {
        }
        Task task = sql.one("SELECT state, agent_id FROM tasks WHERE id = ? AND job_id = ? FOR UPDATE",
                        row -> new Task(row.getString(1), row.getString(2)), taskId, jobId)
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " of job " + jobId + " not found"));
        lock(jobId);
        sql.update("UPDATE jobs SET completion_notify_sent = FALSE WHERE id = ?", jobId);
        boolean held = task.agent() != null && (task.state().equals("running") || task.state().equals("queued"));
        if (held) {
            // The agent keeps the task until it reports it stopped; then the scheduler queues it again.
            sql.update("""
                    UPDATE tasks SET state = 'queued', failures = 0, progress = 0, last_error = NULL,
                        time_started = NULL, time_finished = NULL WHERE id = ?""", taskId);
            JobStates.recompute(sql, jobId, now);
            return new Outcome(JobChanged.Change.TASKS_CANCELLED, List.of(taskId));
        }
        sql.update(BACK_TO_QUEUE + "id = ?", jobId, taskId);
        JobStates.recompute(sql, jobId, now);
        return new Outcome(JobChanged.Change.RERUN, List.of(taskId));
    }

    Outcome pause(long jobId) throws SQLException {
        if (lock(jobId).equals("paused")) {
            return Outcome.none();
        }
        sql.update("UPDATE jobs SET state = 'paused' WHERE id = ?", jobId);
        return new Outcome(JobChanged.Change.PAUSED, List.of());
    }

    Outcome unpause(long jobId, Instant now) throws SQLException {
        if (!lock(jobId).equals("paused")) {
            return Outcome.none();
        }
        sql.update("UPDATE jobs SET state = 'queued' WHERE id = ?", jobId);
        JobStates.recompute(sql, jobId, now);
        return new Outcome(JobChanged.Change.UNPAUSED, List.of());
    }

    /** Moves the job to a queue named by name, full path or id; null moves it out of every queue. */
    Outcome move(long jobId, String queue) throws SQLException {
        lock(jobId);
        Long queueId = new JobReferences(sql).queue(queue);
        sql.update("UPDATE jobs SET job_queue_id = ? WHERE id = ?", queueId, jobId);
        return new Outcome(JobChanged.Change.UPDATED, List.of());
    }

    /** Points the job at the newest version of its job type; tasks already sent keep running the old one. */
    Outcome upgrade(long jobId) throws SQLException {
        lock(jobId);
        long latest = sql.one("""
                SELECT latest.id FROM jobs j
                JOIN jobtype_versions current ON current.id = j.jobtype_version_id
                JOIN jobtype_versions latest ON latest.jobtype_id = current.jobtype_id
                WHERE j.id = ? ORDER BY latest.version DESC LIMIT 1""", row -> row.getLong(1), jobId).orElseThrow();
        if (sql.update("UPDATE jobs SET jobtype_version_id = ? WHERE id = ? AND jobtype_version_id <> ?", latest, jobId, latest) == 0) {
            return Outcome.none();
        }
        return new Outcome(JobChanged.Change.UPDATED, List.of());
    }

    private Outcome requeue(long jobId, String which, Instant now) throws SQLException {
        lock(jobId);
        List<Long> tasks = sql.list("SELECT id FROM tasks WHERE job_id = ? AND " + which + " ORDER BY id FOR UPDATE",
                row -> row.getLong(1), jobId);
        if (tasks.isEmpty()) {
            return Outcome.none();
        }
        sql.update(BACK_TO_QUEUE + which, jobId);
        sql.update("UPDATE jobs SET completion_notify_sent = FALSE WHERE id = ?", jobId);
        JobStates.recompute(sql, jobId, now);
        return new Outcome(JobChanged.Change.RERUN, tasks);
    }

    private String lock(long jobId) throws SQLException {
        return sql.one("SELECT state FROM jobs WHERE id = ? FOR UPDATE", row -> row.getString(1), jobId).orElseThrow();
    }
}
