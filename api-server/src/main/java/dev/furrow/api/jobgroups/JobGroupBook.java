package dev.furrow.api.jobgroups;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobFilter;
import dev.furrow.api.jobs.JobReferences;
import dev.furrow.api.jobs.JobSummary;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Job groups (job_groups): a title, a main job type and an owner, grouping jobs for display. */
final class JobGroupBook {

    private static final String COLUMNS = "g.id, g.title, t.name AS main_jobtype, u.username";
    private static final String FROM = """
            job_groups g JOIN jobtypes t ON t.id = g.main_jobtype_id LEFT JOIN users u ON u.id = g.user_id""";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM " + FROM;
    private static final String TASK_COUNTS = """
            (SELECT COUNT(*) FROM tasks k WHERE k.job_id = j.id AND k.state = 'queued') AS tasks_queued,
            (SELECT COUNT(*) FROM tasks k WHERE k.job_id = j.id AND k.state = 'running') AS tasks_running,
            (SELECT COUNT(*) FROM tasks k WHERE k.job_id = j.id AND k.state = 'done') AS tasks_done,
            (SELECT COUNT(*) FROM tasks k WHERE k.job_id = j.id AND k.state = 'failed') AS tasks_failed""";
    /** The orders of GET /api/v1/jobgroups/; by id. */
    static final Ordering ORDER = Ordering.by("id", number("g.id")).or("title", text("g.title"), number("g.id"));

    private final Sql sql;

    JobGroupBook(Sql sql) {
        this.sql = sql;
    }

    static long groupId(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("jobgroup '" + text + "' not found; jobgroup ids are numbers");
        }
        return Long.parseLong(text);
    }

    Optional<JobGroup.Summary> summary(long id) throws SQLException {
        return sql.one(SELECT + " WHERE g.id = ?", JobGroupBook::summary, id);
    }

    JobGroup document(long id) throws SQLException {
        JobGroup.Summary group = summary(id).orElseThrow(() -> ApiException.notFound("jobgroup " + id + " not found"));
        return new JobGroup(group, sql.list("SELECT id, title, state FROM jobs WHERE job_group_id = ? ORDER BY id",
                row -> new JobSummary(row.getLong("id"), row.getString("title"), row.getString("state")), id));
    }

    Page<JobGroup.Summary> list(JobGroupFilter filter, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select(COLUMNS, FROM);
        filter.narrow(query);
        return query.page(sql, page, JobGroupBook::summary);
    }

    /** The group's jobs with their task counts per state. */
    Page<JobGroup.Job> jobs(long id, JobFilter filter, PageRequest page) throws SQLException {
        document(id);
        ListQuery query = ListQuery.select("j.id, j.title, j.state, t.id AS jobtype_id, t.name AS jobtype, " + TASK_COUNTS,
                "jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id JOIN jobtypes t ON t.id = v.jobtype_id");
        query.where("j.job_group_id = ?", id);
        filter.narrow(query);
        return query.page(sql, page, row -> new JobGroup.Job(row.getLong("id"), row.getString("title"),
                row.getString("state"), row.getLong("jobtype_id"), row.getString("jobtype"), row.getLong("tasks_queued"),
                row.getLong("tasks_running"), row.getLong("tasks_done"), row.getLong("tasks_failed")));
    }

    long create(String title, String mainJobtype, String user) throws SQLException {
        return sql.insert("INSERT INTO job_groups (title, main_jobtype_id, user_id) VALUES (?, ?, ?)",
                title, jobtypeId(mainJobtype), new JobReferences(sql).user(user));
    }

    void update(long id, Optional<String> title, Optional<String> mainJobtype, boolean userGiven, String user) throws SQLException {
        document(id);
        if (title.isPresent()) {
            sql.update("UPDATE job_groups SET title = ? WHERE id = ?", title.get(), id);
        }
        if (mainJobtype.isPresent()) {
            sql.update("UPDATE job_groups SET main_jobtype_id = ? WHERE id = ?", jobtypeId(mainJobtype.get()), id);
        }
        if (userGiven) {
            sql.update("UPDATE job_groups SET user_id = ? WHERE id = ?", new JobReferences(sql).user(user), id);
        }
    }

    void delete(long id) throws SQLException {
        long jobs = sql.one("SELECT COUNT(*) FROM jobs WHERE job_group_id = ?", row -> row.getLong(1), id).orElse(0L);
        if (jobs > 0) {
            throw ApiException.conflict("jobgroup " + id + " still contains " + jobs + " job(s)");
        }
        sql.update("DELETE FROM job_groups WHERE id = ?", id);
    }

    private long jobtypeId(String name) throws SQLException {
        return sql.one("SELECT id FROM jobtypes WHERE name = ?", row -> row.getLong(1), name)
                .orElseThrow(() -> ApiException.notFound("jobtype '" + name + "' not found"));
    }

    private static JobGroup.Summary summary(ResultSet row) throws SQLException {
        return new JobGroup.Summary(row.getLong("id"), row.getString("title"), row.getString("main_jobtype"),
                row.getString("username"));
    }
}
