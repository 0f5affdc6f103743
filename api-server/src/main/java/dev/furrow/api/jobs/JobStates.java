package dev.furrow.api.jobs;

import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Recomputes a job's stored state and times after its tasks changed; runs inside the caller's transaction. */
public final class JobStates {

    private JobStates() {
    }

    public static void recompute(Sql sql, long jobId, Instant now) throws SQLException {
        String current = sql.one("SELECT state FROM jobs WHERE id = ? FOR UPDATE", row -> row.getString(1), jobId).orElseThrow();
        Map<String, Long> counts = new HashMap<>();
        sql.list("SELECT state, COUNT(*) FROM tasks WHERE job_id = ? GROUP BY state", row -> {
            counts.put(row.getString(1), row.getLong(2));
            return null;
        }, jobId);
        String next = JobStateRollup.of(current, counts);
        boolean finished = next.equals("done") || next.equals("failed");
        sql.update("""
                UPDATE jobs SET state = ?,
                    time_started = CASE WHEN ? AND time_started IS NULL THEN ? ELSE time_started END,
                    time_finished = CASE WHEN ? THEN COALESCE(time_finished, ?) ELSE NULL END
                WHERE id = ?""",
                next, next.equals("running") || finished, now, finished, now, jobId);
    }
}
