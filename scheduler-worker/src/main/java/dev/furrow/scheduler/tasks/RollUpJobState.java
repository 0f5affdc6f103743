package dev.furrow.scheduler.tasks;

import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recomputes jobs' states and times after some of their tasks changed. The caller holds the job row locks
 * ({@link LockJobs}) so that two transactions finishing the last two tasks cannot both miss the other's change.
 * One query reads every job's state with EXISTS probes on ix_tasks_job_state, each on one state (a list of states
 * would scan a finished job's tasks), so a 100,000-task job costs a few index look-ups, not a count.
 */
public final class RollUpJobState {

    private RollUpJobState() {
    }

    /** Returns whether the job became done or failed just now. */
    public static boolean apply(Connection c, long jobId, Instant now) throws SQLException {
        return !apply(c, List.of(jobId), now).isEmpty();
    }

    /** Rolls up each job; returns those that became done or failed just now. */
    public static Set<Long> apply(Connection c, Collection<Long> jobIds, Instant now) throws SQLException {
        Set<Long> finished = new TreeSet<>();
        if (jobIds.isEmpty()) {
            return finished;
        }
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.id, j.state,
                       EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'running'),
                       EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'queued')
                       OR EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'running')
                       OR EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'paused'),
                       EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'failed')
                  FROM jobs j WHERE j.id IN (%s)""".formatted(Sql.placeholders(jobIds.size())))) {
            Sql.bindLongs(s, 1, jobIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    WorkState current = WorkState.fromWireName(rs.getString(2));
                    WorkState next = JobStateRollUp.next(current,
                            new JobStateRollUp.TaskSummary(rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)));
                    if (next != current) {
                        changes.add(new Change(rs.getLong(1), next));
                    }
                }
            }
        }
        for (Change change : changes) {
            write(c, change, now);
            if (change.next().isFinished()) {
                finished.add(change.jobId());
            }
        }
        return finished;
    }

    private record Change(long jobId, WorkState next) {
    }

    private static void write(Connection c, Change change, Instant now) throws SQLException {
        WorkState next = change.next();
        String times = switch (next) {
            // Leaving done/failed (a rerun) makes the next finish a new event to notify about.
            case RUNNING -> "time_started = COALESCE(time_started, ?), time_finished = NULL, "
                    + "completion_notify_sent = FALSE";
            case DONE, FAILED -> "time_started = COALESCE(time_started, ?), time_finished = ?";
            default -> "time_finished = NULL, completion_notify_sent = FALSE";
        };
        try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = ?, " + times + " WHERE id = ?")) {
            int i = 1;
            s.setString(i++, next.wireName());
            if (next == WorkState.RUNNING) {
                Sql.setInstant(s, i++, now);
            } else if (next.isFinished()) {
                Sql.setInstant(s, i++, now);
                Sql.setInstant(s, i++, now);
            }
            s.setLong(i, change.jobId());
            s.executeUpdate();
        }
    }
}
