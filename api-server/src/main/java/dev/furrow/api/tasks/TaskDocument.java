package dev.furrow.api.tasks;

import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Tasks in PyFarm's JSON form. */
public final class TaskDocument {

    private static final String COLUMNS = """
            t.*, j.title AS job_title, a.hostname AS agent_hostname, a.port AS agent_port,
            a.remote_ip AS agent_remote_ip""";
    private static final String FROM = "tasks t JOIN jobs j ON j.id = t.job_id LEFT JOIN agents a ON a.id = t.agent_id";

    /** The orders of a job's tasks; PyFarm lists them by frame. */
    public static final Ordering OF_JOB = Ordering.by("frame", number("t.frame"), number("t.id"))
            .or("id", number("t.id"))
            .or("state", text("CAST(t.state AS CHAR)"), number("t.frame"), number("t.id"));
    /** The orders of an agent's tasks; by id unless asked otherwise. */
    public static final Ordering OF_AGENT = Ordering.by("id", number("t.id"))
            .or("job", number("t.job_id"), number("t.frame"), number("t.id"))
            .or("state", text("CAST(t.state AS CHAR)"), number("t.id"));

    private TaskDocument() {
    }

    public static Optional<Task> load(Sql sql, long jobId, long taskId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM " + FROM + " WHERE t.job_id = ? AND t.id = ?", TaskDocument::full,
                jobId, taskId);
    }

    /** The list form of GET /jobs/{job}/tasks/. */
    public static Page<TaskSummary> ofJob(Sql sql, long jobId, TaskFilter filter, PageRequest page)
            throws SQLException {
        ListQuery query = ListQuery.select(COLUMNS, FROM).where("t.job_id = ?", jobId);
        filter.narrow(query);
        return query.page(sql, page, TaskDocument::summary);
    }

    /** Tasks an agent holds, for GET /agents/{id}/tasks/. */
    public static Page<Task> ofAgent(Sql sql, String agentId, TaskFilter filter, PageRequest page)
            throws SQLException {
        ListQuery query = ListQuery.select(COLUMNS, FROM).where("t.agent_id = ?", agentId);
        filter.narrow(query);
        return query.page(sql, page, TaskDocument::full);
    }

    static TaskSummary summary(ResultSet row) throws SQLException {
        return new TaskSummary(row.getLong("id"), row.getLong("job_id"), row.getBigDecimal("frame").doubleValue(),
                Sql.nullableInt(row, "tile"), row.getString("state"), row.getBoolean("hidden"), row.getInt("priority"),
                row.getInt("attempts"), row.getInt("failures"), row.getFloat("progress"), row.getString("agent_id"),
                row.getString("last_error"), Times.format(Sql.instant(row, "time_submitted")),
                Times.format(Sql.instant(row, "time_started")), Times.format(Sql.instant(row, "time_finished")));
    }

    static Task full(ResultSet row) throws SQLException {
        String agentId = row.getString("agent_id");
        Task.Agent agent = agentId == null ? null : new Task.Agent(agentId, row.getString("agent_hostname"),
                row.getInt("agent_port"), row.getString("agent_remote_ip"));
        return new Task(summary(row), new Task.Job(row.getLong("job_id"), row.getString("job_title")), agent,
                row.getBoolean("sent_to_agent"), List.of(), List.of());
    }
}
