package dev.furrow.api.tasks;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobFinder;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;

/** Finds the task a path names: its job (by id or title) and its id, which must be one of that job's tasks. */
public final class TaskFinder {

    /** A task and the job it belongs to. */
    public record Found(long jobId, long taskId) {
    }

    private TaskFinder() {
    }

    public static Found find(Sql sql, String job, String task) throws SQLException {
        long jobId = JobFinder.find(sql, job);
        long taskId = taskId(task);
        sql.one("SELECT id FROM tasks WHERE id = ? AND job_id = ?", row -> row.getLong(1), taskId, jobId)
                .orElseThrow(() -> notFound(jobId, taskId));
        return new Found(jobId, taskId);
    }

    /** Task ids in paths are numbers; anything else names no task. */
    private static long taskId(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("task '" + text + "' not found; task ids are numbers");
        }
        return Long.parseLong(text);
    }

    private static ApiException notFound(long jobId, long taskId) {
        return ApiException.notFound("task " + taskId + " of job " + jobId + " not found");
    }
}
