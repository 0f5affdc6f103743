package dev.furrow.api.tasks;

import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tasks in PyFarm's JSON form. */
public final class TaskDocument {

    private static final String SELECT = """
            SELECT t.*, j.title AS job_title, a.hostname AS agent_hostname, a.port AS agent_port,
                   a.remote_ip AS agent_remote_ip
            FROM tasks t JOIN jobs j ON j.id = t.job_id LEFT JOIN agents a ON a.id = t.agent_id
            """;

    private TaskDocument() {
    }

    public static Optional<Map<String, Object>> load(Sql sql, long jobId, long taskId) throws SQLException {
        return sql.one(SELECT + " WHERE t.job_id = ? AND t.id = ?", TaskDocument::full, jobId, taskId);
    }

    /** The list form of GET /jobs/<job>/tasks/, in frame order, optionally one state and one page only. */
    public static List<Map<String, Object>> list(Sql sql, long jobId, String state, Integer limit, Integer offset)
            throws SQLException {
        List<Object> params = new ArrayList<>(List.of(jobId));
        StringBuilder query = new StringBuilder(SELECT).append(" WHERE t.job_id = ?");
        if (state != null) {
            query.append(" AND t.state = ?");
            params.add(state);
        }
        query.append(" ORDER BY t.frame, t.tile, t.id");
        if (limit != null || offset != null) {
            query.append(" LIMIT ? OFFSET ?");
            params.add(limit == null ? Integer.MAX_VALUE : limit);
            params.add(offset == null ? 0 : offset);
        }
        return sql.list(query.toString(), TaskDocument::summary, params.toArray());
    }

    /** Tasks an agent holds, for GET /agents/<id>/tasks/. */
    public static List<Map<String, Object>> ofAgent(Sql sql, String agentId) throws SQLException {
        return sql.list(SELECT + " WHERE t.agent_id = ? ORDER BY t.id", TaskDocument::full, agentId);
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
