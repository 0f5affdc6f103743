package dev.furrow.api.jobtypes;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobReferences;
import dev.furrow.api.jobs.JobSubmission;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.text;

/**
 * Software requirements of a job type's newest version. Changing them creates a new version that copies the
 * newest one (PyFarm), so jobs already submitted keep the requirements they were submitted with.
 */
final class JobTypeRequirements {

    private static final String COLUMNS = """
            t.name AS jobtype, v.id AS version_id, v.version, s.id AS software_id, s.software,
            mn.id AS min_id, mn.version AS min_version, mx.id AS max_id, mx.version AS max_version""";
    private static final String FROM = """
            jobtype_software_requirements r
            JOIN jobtype_versions v ON v.id = r.jobtype_version_id JOIN jobtypes t ON t.id = v.jobtype_id
            JOIN software s ON s.id = r.software_id
            LEFT JOIN software_versions mn ON mn.id = r.min_version_id
            LEFT JOIN software_versions mx ON mx.id = r.max_version_id""";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM " + FROM + " WHERE r.jobtype_version_id = ?";
    /** The orders of a job type's requirements; by software name. */
    static final Ordering ORDER = Ordering.by("software", text("s.software"));

    private final Sql sql;

    JobTypeRequirements(Sql sql) {
        this.sql = sql;
    }

    Page<JobTypeRequirement> list(long jobtypeId, PageRequest page) throws SQLException {
        return ListQuery.select(COLUMNS, FROM).where("r.jobtype_version_id = ?", newestVersionId(jobtypeId))
                .page(sql, page, JobTypeRequirements::document);
    }

    Optional<JobTypeRequirement> find(long jobtypeId, String software) throws SQLException {
        return sql.one(SELECT + " AND (s.software = ? OR CAST(s.id AS CHAR) = ?)", JobTypeRequirements::document,
                newestVersionId(jobtypeId), software, software);
    }

    /** Adds a requirement in a new version; 409 when the newest version already requires that software. */
    JobTypeRequirement add(long jobtypeId, JobSubmission.SoftwareRequirement requirement) throws SQLException {
        JobReferences.ResolvedSoftware resolved = new JobReferences(sql).software(List.of(requirement)).get(0);
        long newest = newestVersionId(jobtypeId);
        if (sql.one("SELECT software_id FROM jobtype_software_requirements WHERE jobtype_version_id = ? AND software_id = ?",
                row -> row.getLong(1), newest, resolved.softwareId()).isPresent()) {
            throw ApiException.conflict("the newest version of jobtype " + jobtypeId + " already requires '" + requirement.software() + "'");
        }
        long version = copy(jobtypeId, newest, null);
        sql.update("""
                INSERT INTO jobtype_software_requirements (jobtype_version_id, software_id, min_version_id, max_version_id)
                VALUES (?, ?, ?, ?)""", version, resolved.softwareId(), resolved.minVersionId(), resolved.maxVersionId());
        return sql.one(SELECT + " AND s.id = ?", JobTypeRequirements::document, version, resolved.softwareId()).orElseThrow();
    }

    /** Removes a requirement in a new version; nothing changes when the newest version does not have it. */
    void remove(long jobtypeId, String software) throws SQLException {
        Optional<JobTypeRequirement> existing = find(jobtypeId, software);
        if (existing.isPresent()) {
            copy(jobtypeId, newestVersionId(jobtypeId), existing.get().software().id());
        }
    }

    private long newestVersionId(long jobtypeId) throws SQLException {
        return sql.one("SELECT id FROM jobtype_versions WHERE jobtype_id = ? ORDER BY version DESC LIMIT 1",
                        row -> row.getLong(1), jobtypeId)
                .orElseThrow(() -> ApiException.notFound("jobtype " + jobtypeId + " has no versions"));
    }

    /** Copies a version (its limits, and its requirements except {@code dropSoftwareId}) as the next version. */
    private long copy(long jobtypeId, long versionId, Long dropSoftwareId) throws SQLException {
        int next = sql.one("SELECT MAX(version) + 1 FROM jobtype_versions WHERE jobtype_id = ? FOR UPDATE",
                row -> row.getInt(1), jobtypeId).orElseThrow();
        long copy = sql.insert("""
                INSERT INTO jobtype_versions (jobtype_id, version, classname, code, max_batch, batch_contiguous,
                    no_automatic_start_time, supports_tiling)
                SELECT jobtype_id, ?, classname, code, max_batch, batch_contiguous, no_automatic_start_time, supports_tiling
                FROM jobtype_versions WHERE id = ?""", next, versionId);
        sql.update("""
                INSERT INTO jobtype_software_requirements (jobtype_version_id, software_id, min_version_id, max_version_id)
                SELECT ?, software_id, min_version_id, max_version_id FROM jobtype_software_requirements
                WHERE jobtype_version_id = ? AND software_id <> ?""", copy, versionId, dropSoftwareId == null ? -1L : dropSoftwareId);
        sql.update("INSERT INTO jobtype_limits (jobtype_version_id, limit_id, amount) "
                + "SELECT ?, limit_id, amount FROM jobtype_limits WHERE jobtype_version_id = ?", copy, versionId);
        return copy;
    }

    private static JobTypeRequirement document(ResultSet row) throws SQLException {
        return new JobTypeRequirement(new JobTypeRequirement.Software(row.getLong("software_id"), row.getString("software")),
                bound(row, "min_id", "min_version"), bound(row, "max_id", "max_version"),
                new JobTypeRequirement.JobTypeVersionRef(row.getLong("version_id"), row.getString("jobtype"), row.getInt("version")));
    }

    private static JobTypeRequirement.Version bound(ResultSet row, String idColumn, String versionColumn) throws SQLException {
        Long id = Sql.nullableLong(row, idColumn);
        return id == null ? null : new JobTypeRequirement.Version(id, row.getString(versionColumn));
    }
}
