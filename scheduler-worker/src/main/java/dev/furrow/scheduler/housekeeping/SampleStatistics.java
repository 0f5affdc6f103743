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
import java.util.ArrayList;
import java.util.List;

/**
 * Samples PyFarm's statistics tables for the web UI's charts: {@code agent_counts} (agents per state),
 * {@code task_counts} (tasks per state per job queue, NULL = jobs without a queue) and {@code task_event_counts}
 * (per queue, what happened to tasks since the previous sample, read from the tasks' own times and the deletions
 * {@link RecordTaskDeletions} noted). Each sample is taken holding its {@code scheduler_locks} row until it
 * commits and is skipped when a sample less than half an interval old exists, so several workers do not double
 * the rows.
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
     * {@code now}: new (time_submitted), started (time_started of the current attempt), restarted (those of them
     * on an attempt after the first), done and failed for good (time_finished), and deleted (the
     * {@code task_deletions} noted since the previous sample, removed as they are counted). Read from the tasks'
     * own times, so a task counts once per sample for each: two starts of one task in one interval are one.
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
            List<Long> deletions = new ArrayList<>();
            // A locking read waits for deletions being noted right now, so none is removed without being counted.
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM task_deletions FOR UPDATE");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    deletions.add(rs.getLong(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO task_event_counts (time_start, time_end, job_queue_id, num_new, num_deleted,
                                                   num_restarted, num_started, num_failed, num_done)
                    SELECT ?, ?, e.job_queue_id, SUM(e.num_new), SUM(e.num_deleted), SUM(e.num_restarted),
                           SUM(e.num_started), SUM(e.num_failed), SUM(e.num_done)
                      FROM (SELECT j.job_queue_id,
                                   COALESCE(SUM(t.time_submitted >= ? AND t.time_submitted < ?), 0) AS num_new,
                                   0 AS num_deleted,
                                   COALESCE(SUM(t.time_started >= ? AND t.time_started < ? AND t.attempts > 1), 0)
                                       AS num_restarted,
                                   COALESCE(SUM(t.time_started >= ? AND t.time_started < ?), 0) AS num_started,
                                   COALESCE(SUM(t.state = 'failed' AND t.time_finished >= ? AND t.time_finished < ?),
                                            0) AS num_failed,
                                   COALESCE(SUM(t.state = 'done' AND t.time_finished >= ? AND t.time_finished < ?),
                                            0) AS num_done
                              FROM tasks t JOIN jobs j ON j.id = t.job_id
                             WHERE t.time_submitted >= ? OR t.time_started >= ? OR t.time_finished >= ?
                             GROUP BY j.job_queue_id
                            UNION ALL
                            SELECT job_queue_id, 0, num_tasks, 0, 0, 0, 0 FROM task_deletions WHERE id IN (%s)
                           ) e
                     GROUP BY e.job_queue_id""".formatted(Sql.placeholders(deletions.size())))) {
                int i = 1;
                Sql.setInstant(s, i++, start);
                Sql.setInstant(s, i++, now);
                for (int pair = 0; pair < 5; pair++) {
                    Sql.setInstant(s, i++, start);
                    Sql.setInstant(s, i++, now);
                }
                for (int bound = 0; bound < 3; bound++) {
                    Sql.setInstant(s, i++, start);
                }
                Sql.bindLongs(s, i, deletions);
                s.executeUpdate();
            }
            if (!deletions.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM task_deletions WHERE id IN (" + Sql.placeholders(deletions.size()) + ")")) {
                    Sql.bindLongs(s, 1, deletions);
                    s.executeUpdate();
                }
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
