package dev.furrow.api.jobtypes;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.software.SoftwareRequirement;
import dev.furrow.api.software.SoftwareRequirementDocuments;
import dev.furrow.api.store.NameOrId;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Job types and their versions in PyFarm's JSON form; agents fetch their definitions from here. */
final class JobTypeDocument {

    /** The orders of GET /api/v1/jobtypes/; PyFarm lists them by id. */
    static final Ordering ORDER = Ordering.by("id", number("t.id")).or("name", text("t.name"));
    /** Job types by name or id. */
    static final NameOrId NAMES = new NameOrId("jobtype", "jobtypes", "name");
    static final Ordering VERSION_ORDER = Ordering.by("version", number("v.version"));

    private JobTypeDocument() {
    }

    /** A job type's id, by the path segment PyFarm accepts: numeric id or name. */
    static long find(Sql sql, String nameOrId) throws SQLException {
        return NAMES.find(sql, nameOrId);
    }

    static Page<JobTypeSummary> list(Sql sql, PageRequest page) throws SQLException {
        return ListQuery.select("t.id, t.name", "jobtypes t").page(sql, page,
                row -> new JobTypeSummary(row.getLong("id"), row.getString("name")));
    }

    static Page<Integer> versions(Sql sql, long jobtypeId, PageRequest page) throws SQLException {
        return ListQuery.select("v.version", "jobtype_versions v").where("v.jobtype_id = ?", jobtypeId)
                .page(sql, page, row -> row.getInt("version"));
    }

    static JobTypeVersion latest(Sql sql, long jobtypeId) throws SQLException {
        int version = sql.one("SELECT MAX(version) FROM jobtype_versions WHERE jobtype_id = ?", row -> row.getInt(1), jobtypeId)
                .filter(v -> v > 0)
                .orElseThrow(() -> ApiException.notFound("jobtype " + jobtypeId + " has no versions"));
        return version(sql, jobtypeId, version);
    }

    static JobTypeVersion version(Sql sql, long jobtypeId, int version) throws SQLException {
        long versionId = sql.one("SELECT id FROM jobtype_versions WHERE jobtype_id = ? AND version = ?",
                        row -> row.getLong(1), jobtypeId, version)
                .orElseThrow(() -> ApiException.notFound("jobtype " + jobtypeId + " has no version " + version));
        List<SoftwareRequirement> software = SoftwareRequirementDocuments.ofJobTypeVersion(sql, versionId);
        Map<String, Integer> limits = LimitAmounts.ofJobTypeVersion(sql, versionId);
        return sql.one("""
                SELECT t.id, t.name, t.description, v.version, v.classname, v.code, v.max_batch,
                       v.batch_contiguous, v.no_automatic_start_time, v.supports_tiling
                FROM jobtypes t JOIN jobtype_versions v ON v.jobtype_id = t.id WHERE v.id = ?""", row -> new JobTypeVersion(
                row.getLong("id"), row.getString("name"), row.getString("description"), row.getInt("version"),
                row.getString("classname"), row.getString("code"), Sql.nullableInt(row, "max_batch"),
                row.getBoolean("batch_contiguous"), row.getBoolean("no_automatic_start_time"),
                row.getBoolean("supports_tiling"), software, limits), versionId).orElseThrow();
    }
}
