package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.store.Sql;
import dev.furrow.messages.JobChanged;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies a {@link JobUpdate} inside the caller's transaction. A new frame range deletes the tasks outside it and
 * adds the missing ones (PyFarm); a new priority is copied to the tasks, as PyFarm's task priority follows the job.
 */
final class JobUpdater {

    /** What happened, for the event published after the commit. */
    record Result(JobChanged.Change change, List<Long> removedTasks) {
    }

    private JobUpdater() {
    }

    static Result update(Sql sql, long jobId, JobUpdate update, Instant now) throws SQLException {
        record Current(String state, BigDecimal start, BigDecimal end, BigDecimal by, int priority) {
        }
        Current current = sql.one("SELECT state, frame_start, frame_end, frame_by, priority FROM jobs WHERE id = ? FOR UPDATE",
                row -> new Current(row.getString(1), row.getBigDecimal(2), row.getBigDecimal(3), row.getBigDecimal(4), row.getInt(5)),
                jobId).orElseThrow();
        List<String> assignments = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        update.columns().forEach((column, value) -> {
            assignments.add(column + " = ?");
            values.add(value);
        });
        JobReferences references = new JobReferences(sql);
        references.jobgroup((Long) update.columns().get("job_group_id"));
        if (update.jobqueueGiven()) {
            assignments.add("job_queue_id = ?");
            values.add(references.queue(update.jobqueue().orElse(null)));
        }
        if (update.userGiven()) {
            assignments.add("user_id = ?");
            values.add(references.user(update.user().orElse(null)));
        }
        FrameRange frames = null;
        if (update.changesFrames()) {
            frames = new FrameRange(update.start().orElse(current.start()), update.end().orElse(current.end()),
                    update.by().orElse(current.by()));
            assignments.add("frame_start = ?");
            values.add(frames.start());
            assignments.add("frame_end = ?");
            values.add(frames.end());
            assignments.add("frame_by = ?");
            values.add(frames.by());
        }
        if (!assignments.isEmpty()) {
            values.add(jobId);
            sql.update("UPDATE jobs SET " + String.join(", ", assignments) + " WHERE id = ?", values.toArray());
        }
        if (update.limits().isPresent()) {
            LimitAmounts.writeForJob(sql, jobId, update.limits().get());
        }
        int priority = (Integer) update.columns().getOrDefault("priority", current.priority());
        if (priority != current.priority()) {
            sql.update("UPDATE tasks SET priority = ? WHERE job_id = ?", priority, jobId);
        }
        List<Long> removed = List.of();
        if (frames != null) {
            removed = sql.list("""
                    SELECT id FROM tasks WHERE job_id = ?
                    AND (frame < ? OR frame > ? OR MOD(frame - ?, ?) <> 0)""",
                    row -> row.getLong(1), jobId, frames.start(), frames.end(), frames.start(), frames.by());
            if (!removed.isEmpty()) {
                String ids = removed.stream().map(String::valueOf).collect(Collectors.joining(","));
                sql.update("DELETE FROM tasks WHERE job_id = ? AND id IN (" + ids + ")", jobId);
            }
            TaskInserter.insertMissing(sql.connection(), jobId, priority, frames, now);
        }
        JobChanged.Change change = JobChanged.Change.UPDATED;
        if (update.state().filter("paused"::equals).isPresent() && !current.state().equals("paused")) {
            sql.update("UPDATE jobs SET state = 'paused' WHERE id = ?", jobId);
            change = JobChanged.Change.PAUSED;
        } else if (update.state().filter("queued"::equals).isPresent()) {
            if (current.state().equals("paused")) {
                sql.update("UPDATE jobs SET state = 'queued' WHERE id = ?", jobId);
                change = JobChanged.Change.UNPAUSED;
            } else if (!current.state().equals("queued")) {
                throw ApiException.badRequest("job " + jobId + " is " + current.state() + ", not paused; only a paused job can be set back to queued");
            }
        }
        JobStates.recompute(sql, jobId, now);
        return new Result(change, removed);
    }
}
