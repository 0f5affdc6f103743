package dev.furrow.api.limits;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.NameOrId;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** The limits table, with the amount each limit's assigned tasks hold ({@code in_use}). */
final class LimitBook {

    /**
     * What the assigned tasks hold: a task counts while it has an agent and is queued or running, with the amount
     * of its job plus the amount of its job type version.
     */
    private static final String IN_USE = """
            SELECT COALESCE(SUM(held.amount), 0) FROM (
                SELECT a.amount FROM job_limits a JOIN tasks t ON t.job_id = a.job_id
                WHERE a.limit_id = ? AND t.agent_id IS NOT NULL AND t.state IN ('queued', 'running')
                UNION ALL
                SELECT a.amount FROM jobtype_limits a JOIN jobs j ON j.jobtype_version_id = a.jobtype_version_id
                JOIN tasks t ON t.job_id = j.id
                WHERE a.limit_id = ? AND t.agent_id IS NOT NULL AND t.state IN ('queued', 'running')
            ) held""";

    /** The orders of GET /api/v1/limits/; by name. */
    static final Ordering ORDER = Ordering.by("name", text("l.name")).or("id", number("l.id"));

    private static final NameOrId NAMES = new NameOrId("limit", "limits", "name");

    private final Sql sql;

    LimitBook(Sql sql) {
        this.sql = sql;
    }

    Page<Limit> list(PageRequest page) throws SQLException {
        return ListQuery.select("l.id", "limits l").page(sql, page, row -> row.getLong("id")).map(this::document);
    }

    Optional<Long> lookup(String nameOrId) throws SQLException {
        return NAMES.lookup(sql, nameOrId);
    }

    long find(String nameOrId) throws SQLException {
        return NAMES.find(sql, nameOrId);
    }

    long create(LimitFields fields) throws SQLException {
        String name = fields.name().orElseThrow();
        if (sql.one("SELECT id FROM limits WHERE name = ?", row -> row.getLong(1), name).isPresent()) {
            throw ApiException.conflict("limit '" + name + "' already exists; change it with POST /api/v1/limits/" + name);
        }
        return sql.insert("INSERT INTO limits (name, capacity, description) VALUES (?, ?, ?)",
                name, fields.capacity().orElseThrow(), fields.description().orElse(null));
    }

    void update(long id, LimitFields fields) throws SQLException {
        if (fields.capacity().isPresent()) {
            sql.update("UPDATE limits SET capacity = ? WHERE id = ?", fields.capacity().get(), id);
        }
        if (fields.descriptionGiven()) {
            sql.update("UPDATE limits SET description = ? WHERE id = ?", fields.description().orElse(null), id);
        }
    }

    void delete(long id) throws SQLException {
        sql.update("DELETE FROM limits WHERE id = ?", id);
    }

    /** The unfinished jobs whose tasks hold the limit, through the job itself or its job type version. */
    List<Long> unfinishedJobsUsing(long id) throws SQLException {
        return sql.list("""
                SELECT j.id FROM jobs j WHERE j.state IN ('queued', 'running', 'paused') AND (
                    EXISTS (SELECT 1 FROM job_limits a WHERE a.job_id = j.id AND a.limit_id = ?)
                    OR EXISTS (SELECT 1 FROM jobtype_limits a WHERE a.jobtype_version_id = j.jobtype_version_id AND a.limit_id = ?))
                ORDER BY j.id""", row -> row.getLong(1), id, id);
    }

    Limit document(long id) throws SQLException {
        long inUse = sql.one(IN_USE, row -> row.getLong(1), id, id).orElse(0L);
        return sql.one("SELECT id, name, capacity, description FROM limits WHERE id = ?",
                        row -> new Limit(row.getLong("id"), row.getString("name"), row.getInt("capacity"),
                                row.getString("description"), inUse), id)
                .orElseThrow(() -> ApiException.notFound("limit " + id + " not found"));
    }
}
