package dev.furrow.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.software.SoftwareRequirementDocuments;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;
import static dev.furrow.api.listing.Ordering.time;

/** A job in PyFarm's JSON form, as answered by POST /jobs/, GET /jobs/<job> and POST /jobs/<job>. */
public final class JobDocument {

    private JobDocument() {
    }

    public static Map<String, Object> load(Sql sql, long jobId) throws SQLException {
        Map<String, Object> job = sql.one("""
                SELECT j.*, t.name AS jobtype, v.version AS jobtype_version, q.name AS jobqueue, u.username
                FROM jobs j
                JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                JOIN jobtypes t ON t.id = v.jobtype_id
                LEFT JOIN job_queues q ON q.id = j.job_queue_id
                LEFT JOIN users u ON u.id = j.user_id
                WHERE j.id = ?""", JobDocument::columns, jobId).orElseThrow();
        job.put("tags", sql.list("""
                SELECT g.tag FROM job_tag_associations a JOIN tags g ON g.id = a.tag_id
                WHERE a.job_id = ? ORDER BY g.tag""", row -> row.getString(1), jobId));
        job.put("tag_requirements", sql.list("""
                SELECT g.tag, r.negate FROM job_tag_requirements r JOIN tags g ON g.id = r.tag_id
                WHERE r.job_id = ? ORDER BY g.tag""", row -> {
            Map<String, Object> requirement = new LinkedHashMap<>();
            requirement.put("tag", row.getString("tag"));
            requirement.put("negate", row.getBoolean("negate"));
            return requirement;
        }, jobId));
        job.put("software_requirements", SoftwareRequirementDocuments.ofJob(sql, jobId));
        job.put("limits", LimitAmounts.ofJob(sql, jobId));
        job.put("parents", sql.list("SELECT parentid FROM job_dependencies WHERE childid = ? ORDER BY parentid",
                row -> row.getLong(1), jobId));
        job.put("children", sql.list("SELECT childid FROM job_dependencies WHERE parentid = ? ORDER BY childid",
                row -> row.getLong(1), jobId));
        job.put("notified_users", sql.list("""
                SELECT u.username, u.email, n.on_success, n.on_failure, n.on_deletion
                FROM notified_users n JOIN users u ON u.id = n.user_id WHERE n.job_id = ? ORDER BY u.username""", row -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", row.getString("username"));
            user.put("email", row.getString("email"));
            user.put("on_success", row.getBoolean("on_success"));
            user.put("on_failure", row.getBoolean("on_failure"));
            user.put("on_deletion", row.getBoolean("on_deletion"));
            return user;
        }, jobId));
        return job;
    }

    private static Map<String, Object> columns(ResultSet row) throws SQLException {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", row.getLong("id"));
        job.put("title", row.getString("title"));
        job.put("state", row.getString("state"));
        job.put("jobtype", row.getString("jobtype"));
        job.put("jobtype_version", row.getInt("jobtype_version"));
        job.put("jobqueue", row.getString("jobqueue"));
        job.put("user", row.getString("username"));
        job.put("jobgroup_id", Sql.nullableLong(row, "job_group_id"));
        job.put("start", frame(row.getBigDecimal("frame_start")));
        job.put("end", frame(row.getBigDecimal("frame_end")));
        job.put("by", frame(row.getBigDecimal("frame_by")));
        job.put("batch", row.getInt("batch"));
        job.put("priority", row.getInt("priority"));
        job.put("weight", row.getInt("weight"));
        job.put("minimum_agents", Sql.nullableInt(row, "minimum_agents"));
        job.put("maximum_agents", Sql.nullableInt(row, "maximum_agents"));
        job.put("requeue", row.getInt("requeue"));
        job.put("cpus", row.getInt("cpus"));
        job.put("ram", row.getInt("ram"));
        job.put("ram_warning", Sql.nullableInt(row, "ram_warning"));
        job.put("ram_max", Sql.nullableInt(row, "ram_max"));
        job.put("num_tiles", Sql.nullableInt(row, "num_tiles"));
        job.put("hidden", row.getBoolean("hidden"));
        job.put("to_be_deleted", row.getBoolean("to_be_deleted"));
        job.put("autodelete_time", Sql.nullableInt(row, "autodelete_time"));
        job.put("data", json(row.getString("data")));
        job.put("environ", json(row.getString("environ")));
        job.put("notes", row.getString("notes") == null ? "" : row.getString("notes"));
        job.put("output_link", row.getString("output_link"));
        job.put("time_submitted", Times.format(Sql.instant(row, "time_submitted")));
        job.put("time_started", Times.format(Sql.instant(row, "time_started")));
        job.put("time_finished", Times.format(Sql.instant(row, "time_finished")));
        return job;
    }

    /** Frames are numbers with a fraction in PyFarm's JSON (1.0, not 1). */
    static double frame(BigDecimal value) {
        return value.doubleValue();
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonRequest.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of a job is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** The tables behind job lists, as {@link JobFilter} expects them. */
    public static final String LISTED_FROM = """
            jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id JOIN jobtypes t ON t.id = v.jobtype_id
            LEFT JOIN job_queues q ON q.id = j.job_queue_id LEFT JOIN users u ON u.id = j.user_id""";
    /** The orders of job lists; PyFarm lists jobs by id. */
    public static final Ordering ORDER = Ordering.by("id", number("j.id"))
            .or("title", text("j.title"), number("j.id"))
            .or("state", text("CAST(j.state AS CHAR)"), number("j.id"))
            .or("priority", number("j.priority"), number("j.id"))
            .or("time_submitted", time("j.time_submitted"), number("j.id"));

    /** The short form of GET /api/v1/jobs/. */
    static Page<Map<String, Object>> list(Sql sql, JobFilter filter, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("j.id, j.title, j.state", LISTED_FROM);
        filter.narrow(query);
        return query.page(sql, page, row -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", row.getLong("id"));
            job.put("title", row.getString("title"));
            job.put("state", row.getString("state"));
            return job;
        });
    }
}
