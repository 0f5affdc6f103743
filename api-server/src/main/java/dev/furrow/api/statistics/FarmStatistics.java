package dev.furrow.api.statistics;

import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.time;

/** Reads the statistics tables the scheduler-worker samples, and live task counts of jobs. */
final class FarmStatistics {

    static final Ordering AGENT_COUNTS = Ordering.by("counted_time", time("c.counted_time"));
    static final Ordering TASK_COUNTS = Ordering.by("counted_time", time("c.counted_time"), number("c.id"))
            .or("id", number("c.id"));
    static final Ordering TASK_EVENT_COUNTS = Ordering.by("time_start", time("c.time_start"), number("c.id"))
            .or("id", number("c.id"));

    private static final String WITH_QUEUE = " c LEFT JOIN job_queues q ON q.id = c.job_queue_id";

    private final Sql sql;

    FarmStatistics(Sql sql) {
        this.sql = sql;
    }

    Page<AgentCount> agentCounts(SampleWindow window, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("c.*", "agent_counts c");
        window.narrow(query, "c.counted_time");
        return query.page(sql, page, row -> new AgentCount(formatted(row, "counted_time"), row.getInt("num_online"),
                row.getInt("num_running"), row.getInt("num_offline"), row.getInt("num_disabled")));
    }

    Page<TaskCount> taskCounts(SampleWindow window, QueueFilter queue, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("c.*, " + queueName(), "task_counts" + WITH_QUEUE);
        window.narrow(query, "c.counted_time");
        queue.narrow(sql, query, "c.job_queue_id");
        return query.page(sql, page, row -> new TaskCount(row.getLong("id"), formatted(row, "counted_time"),
                Sql.nullableLong(row, "job_queue_id"), row.getString("jobqueue"), row.getInt("total_queued"),
                row.getInt("total_running"), row.getInt("total_done"), row.getInt("total_failed")));
    }

    Page<TaskEventCount> taskEventCounts(SampleWindow window, QueueFilter queue, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("c.*, " + queueName(), "task_event_counts" + WITH_QUEUE);
        window.narrow(query, "c.time_start");
        queue.narrow(sql, query, "c.job_queue_id");
        return query.page(sql, page, row -> new TaskEventCount(row.getLong("id"), formatted(row, "time_start"),
                formatted(row, "time_end"), Sql.nullableLong(row, "job_queue_id"), row.getString("jobqueue"),
                row.getInt("num_new"), row.getInt("num_deleted"), row.getInt("num_restarted"),
                row.getInt("num_started"), row.getInt("num_failed"), row.getInt("num_done")));
    }

    /** The task counts of each of the jobs that exist, by job id. */
    List<JobTaskCounts> jobTaskCounts(List<Long> jobIds) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(jobIds.size(), "?"));
        return sql.list("""
                SELECT j.id, COUNT(t.id) AS total,
                       COALESCE(SUM(t.state = 'queued'), 0) AS queued, COALESCE(SUM(t.state = 'running'), 0) AS running,
                       COALESCE(SUM(t.state = 'paused'), 0) AS paused, COALESCE(SUM(t.state = 'failed'), 0) AS failed,
                       COALESCE(SUM(t.state = 'done'), 0) AS done
                  FROM jobs j LEFT JOIN tasks t ON t.job_id = j.id
                 WHERE j.id IN (%s)
                 GROUP BY j.id ORDER BY j.id""".formatted(placeholders),
                row -> new JobTaskCounts(row.getLong("id"), row.getInt("total"), row.getInt("queued"),
                        row.getInt("running"), row.getInt("paused"), row.getInt("failed"), row.getInt("done")),
                jobIds.toArray());
    }

    private static String queueName() {
        return "COALESCE(q.fullpath, q.name) AS jobqueue";
    }

    private static String formatted(ResultSet row, String column) throws SQLException {
        return Times.format(Sql.instant(row, column));
    }
}
