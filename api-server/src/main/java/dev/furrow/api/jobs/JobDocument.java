package dev.furrow.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.software.SoftwareRequirement;
import dev.furrow.api.software.SoftwareRequirementDocuments;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;
import static dev.furrow.api.listing.Ordering.time;

/** A job in PyFarm's JSON form, as answered by POST /jobs/, GET /jobs/{job} and POST /jobs/{job}. */
public final class JobDocument {

    private JobDocument() {
    }

    public static Job load(Sql sql, long jobId) throws SQLException {
        List<String> tags = sql.list("""
                SELECT g.tag FROM job_tag_associations a JOIN tags g ON g.id = a.tag_id
                WHERE a.job_id = ? ORDER BY g.tag""", row -> row.getString(1), jobId);
        List<TagRequirement> tagRequirements = sql.list("""
                SELECT g.tag, r.negate FROM job_tag_requirements r JOIN tags g ON g.id = r.tag_id
                WHERE r.job_id = ? ORDER BY g.tag""",
                row -> new TagRequirement(row.getString("tag"), row.getBoolean("negate")), jobId);
        List<SoftwareRequirement> software = SoftwareRequirementDocuments.ofJob(sql, jobId);
        Map<String, Integer> limits = LimitAmounts.ofJob(sql, jobId);
        List<Long> parents = sql.list("SELECT parentid FROM job_dependencies WHERE childid = ? ORDER BY parentid",
                row -> row.getLong(1), jobId);
        List<Long> children = sql.list("SELECT childid FROM job_dependencies WHERE parentid = ? ORDER BY childid",
                row -> row.getLong(1), jobId);
        // Why the job waits, read now rather than stored: dispatch's own rule, every parent done.
        List<BlockingParent> blockedBy = sql.list("""
                SELECT p.id, p.title, p.state, p.to_be_deleted
                FROM job_dependencies d JOIN jobs p ON p.id = d.parentid
                WHERE d.childid = ? AND p.state <> 'done' ORDER BY p.id""",
                row -> new BlockingParent(row.getLong("id"), row.getString("title"), row.getString("state"),
                        row.getBoolean("to_be_deleted")), jobId);
        List<NotifiedUser> notified = NotifiedUsers.ofJob(sql, jobId);
        return sql.one("""
                SELECT j.*, t.name AS jobtype, v.version AS jobtype_version, q.name AS jobqueue, u.username
                FROM jobs j
                JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                JOIN jobtypes t ON t.id = v.jobtype_id
                LEFT JOIN job_queues q ON q.id = j.job_queue_id
                LEFT JOIN users u ON u.id = j.user_id
                WHERE j.id = ?""", row -> new Job(
                row.getLong("id"), row.getString("title"), row.getString("state"), row.getString("jobtype"),
                row.getInt("jobtype_version"), row.getString("jobqueue"), row.getString("username"),
                Sql.nullableLong(row, "job_group_id"), frame(row.getBigDecimal("frame_start")),
                frame(row.getBigDecimal("frame_end")), frame(row.getBigDecimal("frame_by")), row.getInt("batch"),
                row.getInt("priority"), row.getInt("weight"), Sql.nullableInt(row, "minimum_agents"),
                Sql.nullableInt(row, "maximum_agents"), row.getInt("requeue"), row.getInt("cpus"), row.getInt("ram"),
                Sql.nullableInt(row, "ram_warning"), Sql.nullableInt(row, "ram_max"), Sql.nullableInt(row, "num_tiles"),
                row.getBoolean("hidden"), row.getBoolean("to_be_deleted"), Sql.nullableInt(row, "autodelete_time"),
                json(row.getString("data")), json(row.getString("environ")),
                row.getString("notes") == null ? "" : row.getString("notes"), row.getString("output_link"),
                Times.format(Sql.instant(row, "time_submitted")), Times.format(Sql.instant(row, "time_started")),
                Times.format(Sql.instant(row, "time_finished")),
                tags, tagRequirements, software, limits, parents, children, blockedBy, notified), jobId).orElseThrow();
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

    /** The orders of job lists; PyFarm lists jobs by id. */
    public static final Ordering ORDER = Ordering.by("id", number("j.id"))
            .or("title", text("j.title"), number("j.id"))
            .or("state", text("CAST(j.state AS CHAR)"), number("j.id"))
            .or("priority", number("j.priority"), number("j.id"))
            .or("time_submitted", time("j.time_submitted"), number("j.id"));

    /** The short form of GET /api/v1/jobs/. */
    static Page<JobSummary> list(Sql sql, JobFilter filter, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("j.id, j.title, j.state", "jobs j");
        filter.narrow(query);
        return query.page(sql, page, row -> new JobSummary(row.getLong("id"), row.getString("title"), row.getString("state")));
    }
}
