package dev.furrow.api.tasks;

import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public static Optional<Map<String, Object>> load(Sql sql, long jobId, long taskId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM " + FROM + " WHERE t.job_id = ? AND t.id = ?", TaskDocument::full,
                jobId, taskId);
    }

    /** The list form of GET /jobs/<job>/tasks/. */
    public static Page<Map<String, Object>> ofJob(Sql sql, long jobId, TaskFilter filter, PageRequest page)
            throws SQLException {
        ListQuery query = ListQuery.select(COLUMNS, FROM).where("t.job_id = ?", jobId);
        filter.narrow(query);
        return query.page(sql, page, TaskDocument::summary);
    }

    /** Tasks an agent holds, for GET /agents/<id>/tasks/. */
    public static Page<Map<String, Object>> ofAgent(Sql sql, String agentId, TaskFilter filter, PageRequest page)
            throws SQLException {
        ListQuery query = ListQuery.select(COLUMNS, FROM).where("t.agent_id = ?", agentId);
        filter.narrow(query);
        return query.page(sql, page, TaskDocument::full);
    }

    static Map<String, Object> summary(ResultSet row) throws SQLException {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", row.getLong("id"));
        task.put("job_id", row.getLong("job_id"));
        task.put("frame", row.getBigDecimal("frame").doubleValue());
        task.put("tile", Sql.nullableInt(row, "tile"));
        task.put("state", row.getString("state"));
        task.put("hidden", row.getBoolean("hidden"));
        task.put("priority", row.getInt("priority"));
        task.put("attempts", row.getInt("attempts"));
        task.put("failures", row.getInt("failures"));
        task.put("progress", (double) row.getFloat("progress"));
        task.put("agent_id", row.getString("agent_id"));
        task.put("last_error", row.getString("last_error"));
        task.put("time_submitted", Times.format(Sql.instant(row, "time_submitted")));
        task.put("time_started", Times.format(Sql.instant(row, "time_started")));
        task.put("time_finished", Times.format(Sql.instant(row, "time_finished")));
        return task;
    }

    static Map<String, Object> full(ResultSet row) throws SQLException {
        Map<String, Object> task = summary(row);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", row.getLong("job_id"));
        job.put("title", row.getString("job_title"));
        task.put("job", job);
        String agentId = row.getString("agent_id");
        if (agentId == null) {
            task.put("agent", null);
        } else {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("id", agentId);
            agent.put("hostname", row.getString("agent_hostname"));
            agent.put("port", Sql.nullableInt(row, "agent_port"));
            agent.put("remote_ip", row.getString("agent_remote_ip"));
            task.put("agent", agent);
        }
        task.put("sent_to_agent", row.getBoolean("sent_to_agent"));
        task.put("parents", List.of());
        task.put("children", List.of());
        return task;
    }
}
