package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Samples PyFarm's statistics tables for the web UI's charts: {@code agent_counts} (agents per state),
 * {@code task_counts} (tasks per state per job queue, NULL = jobs without a queue) and {@code task_event_counts}
 * (per queue, what happened to tasks since the previous sample, read from the tasks' own times). Each sample is
 * taken holding its {@code scheduler_locks} row until it commits and is skipped when a sample less than half an
 * interval old exists, so several workers do not double the rows.
 */
@Singleton
public final class SampleStatistics {

    private final Transactor transactor;

    public SampleStatistics(Transactor transactor) {
        this.transactor = transactor;
    }

    /** Records one agent_counts row; false when a recent sample exists or another worker is sampling. */
    public boolean countAgents(Instant now, Duration interval) {
        return sampleOnce("stats.agents", "SELECT MAX(counted_time) FROM agent_counts", now, interval, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO agent_counts (counted_time, num_online, num_running, num_offline, num_disabled)
                    SELECT ?, COALESCE(SUM(state = 'online'), 0), COALESCE(SUM(state = 'running'), 0),
                           COALESCE(SUM(state = 'offline'), 0), COALESCE(SUM(state = 'disabled'), 0)
                      FROM agents""")) {
                Sql.setInstant(s, 1, now);
                s.executeUpdate();
            }
        });
    }

    /** Records one task_counts row per job queue that has tasks (and one for jobs without a queue). */
    public boolean countTasks(Instant now, Duration interval) {
        return sampleOnce("stats.tasks", "SELECT MAX(counted_time) FROM task_counts", now, interval, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO task_counts (counted_time, job_queue_id, total_queued, total_running, total_done,
                                             total_failed)
                    SELECT ?, j.job_queue_id, SUM(t.state = 'queued'), SUM(t.state = 'running'),
                           SUM(t.state = 'done'), SUM(t.state = 'failed')
                      FROM tasks t JOIN jobs j ON j.id = t.job_id
                     GROUP BY j.job_queue_id""")) {
                Sql.setInstant(s, 1, now);
                s.executeUpdate();
            }
        });
    }

    /**
     * Records, per job queue, the task events between the end of the previous sample (or one interval ago) and
     * {@code now}: new (time_submitted), started (time_started of the current attempt), done and failed for good
     * (time_finished). Restarts and deletions leave no time on the task and are recorded as 0.
     */
    public boolean countTaskEvents(Instant now, Duration interval) {
        return sampleOnce("stats.events", "SELECT MAX(time_end) FROM task_event_counts", now, interval, c -> {
            Instant start = now.minus(interval);
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(time_end) FROM task_event_counts");
                 ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    start = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO task_event_counts (time_start, time_end, job_queue_id, num_new, num_deleted,
                                                   num_restarted, num_started, num_failed, num_done)
                    SELECT ?, ?, j.job_queue_id,
                           COALESCE(SUM(t.time_submitted >= ? AND t.time_submitted < ?), 0), 0, 0,
                           COALESCE(SUM(t.time_started >= ? AND t.time_started < ?), 0),
                           COALESCE(SUM(t.state = 'failed' AND t.time_finished >= ? AND t.time_finished < ?), 0),
                           COALESCE(SUM(t.state = 'done' AND t.time_finished >= ? AND t.time_finished < ?), 0)
                      FROM tasks t JOIN jobs j ON j.id = t.job_id
                     WHERE t.time_submitted >= ? OR t.time_started >= ? OR t.time_finished >= ?
                     GROUP BY j.job_queue_id""")) {
                int i = 1;
                Sql.setInstant(s, i++, start);
                Sql.setInstant(s, i++, now);
                for (int pair = 0; pair < 4; pair++) {
                    Sql.setInstant(s, i++, start);
                    Sql.setInstant(s, i++, now);
                }
                for (int bound = 0; bound < 3; bound++) {
                    Sql.setInstant(s, i++, start);
                }
                s.executeUpdate();
            }
        });
    }

    private interface Sample {
        void take(Connection c) throws SQLException;
    }

    private boolean sampleOnce(String lock, String latestSql, Instant now, Duration interval, Sample sample) {
        return transactor.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT name FROM scheduler_locks WHERE name = ? FOR UPDATE SKIP LOCKED")) {
                s.setString(1, lock);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(latestSql); ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    Instant latest = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    if (latest.isAfter(now.minus(interval.dividedBy(2)))) {
                        return false;
                    }
                }
            }
            sample.take(c);
            return true;
        });
    }
}
