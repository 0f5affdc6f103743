package dev.furrow.api.jobtypes;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.software.SoftwareRequirementDocuments;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Job types and their versions in PyFarm's JSON form; agents fetch their definitions from here. */
final class JobTypeDocument {

    /** The orders of GET /api/v1/jobtypes/; PyFarm lists them by id. */
    static final Ordering ORDER = Ordering.by("id", number("t.id")).or("name", text("t.name"));
    static final Ordering VERSION_ORDER = Ordering.by("version", number("v.version"));

    private JobTypeDocument() {
    }

    /** A job type's id, by the path segment PyFarm accepts: numeric id or name. */
    static long find(Sql sql, String nameOrId) throws SQLException {
        return lookup(sql, nameOrId).orElseThrow(() -> ApiException.notFound("jobtype '" + nameOrId + "' not found"));
    }

    static Optional<Long> lookup(Sql sql, String nameOrId) throws SQLException {
        return nameOrId.matches("[0-9]{1,18}")
                ? sql.one("SELECT id FROM jobtypes WHERE id = ?", row -> row.getLong(1), Long.parseLong(nameOrId))
                : sql.one("SELECT id FROM jobtypes WHERE name = ?", row -> row.getLong(1), nameOrId);
    }

    static Page<Map<String, Object>> list(Sql sql, PageRequest page) throws SQLException {
        return ListQuery.select("t.id, t.name", "jobtypes t").page(sql, page, row -> {
            Map<String, Object> jobtype = new LinkedHashMap<>();
            jobtype.put("id", row.getLong("id"));
            jobtype.put("name", row.getString("name"));
            return jobtype;
        });
    }

    static Page<Integer> versions(Sql sql, long jobtypeId, PageRequest page) throws SQLException {
        return ListQuery.select("v.version", "jobtype_versions v").where("v.jobtype_id = ?", jobtypeId)
                .page(sql, page, row -> row.getInt("version"));
    }

    static Map<String, Object> latest(Sql sql, long jobtypeId) throws SQLException {
        int version = sql.one("SELECT MAX(version) FROM jobtype_versions WHERE jobtype_id = ?", row -> row.getInt(1), jobtypeId)
                .filter(v -> v > 0)
                .orElseThrow(() -> ApiException.notFound("jobtype " + jobtypeId + " has no versions"));
        return version(sql, jobtypeId, version);
    }

    static Map<String, Object> version(Sql sql, long jobtypeId, int version) throws SQLException {
        Map<String, Object> document = sql.one("""
                SELECT t.id, t.name, t.description, v.id AS version_id, v.version, v.classname, v.code, v.max_batch,
                       v.batch_contiguous, v.no_automatic_start_time, v.supports_tiling
                FROM jobtypes t JOIN jobtype_versions v ON v.jobtype_id = t.id
                WHERE t.id = ? AND v.version = ?""", row -> {
            Map<String, Object> jobtype = new LinkedHashMap<>();
            jobtype.put("id", row.getLong("id"));
            jobtype.put("name", row.getString("name"));
            jobtype.put("description", row.getString("description"));
            jobtype.put("version", row.getInt("version"));
            jobtype.put("classname", row.getString("classname"));
            jobtype.put("code", row.getString("code"));
            jobtype.put("max_batch", Sql.nullableInt(row, "max_batch"));
            jobtype.put("batch_contiguous", row.getBoolean("batch_contiguous"));
            jobtype.put("no_automatic_start_time", row.getBoolean("no_automatic_start_time"));
            jobtype.put("supports_tiling", row.getBoolean("supports_tiling"));
            jobtype.put("version_id", row.getLong("version_id"));
            return jobtype;
        }, jobtypeId, version).orElseThrow(() -> ApiException.notFound("jobtype " + jobtypeId + " has no version " + version));
        long versionId = (Long) document.remove("version_id");
        document.put("software_requirements", SoftwareRequirementDocuments.ofJobTypeVersion(sql, versionId));
        document.put("limits", LimitAmounts.ofJobTypeVersion(sql, versionId));
        return document;
    }
}
