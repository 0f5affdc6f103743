package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.store.NameOrId;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Resolves the names a job submission refers to (job type, queue, user, software, parents, tags) to row ids. */
public final class JobReferences {

    /** Job queues by name, full path or id. */
    public static final NameOrId QUEUES = new NameOrId("jobqueue", "job_queues", "name", "fullpath");

    private final Sql sql;

    public JobReferences(Sql sql) {
        this.sql = sql;
    }

    /** The id of the requested version of the job type, or of its latest version when none was asked for. */
    long jobtypeVersion(String jobtype, Integer version) throws SQLException {
        if (version == null) {
            return sql.one("""
                    SELECT v.id FROM jobtype_versions v JOIN jobtypes t ON t.id = v.jobtype_id
                    WHERE t.name = ? ORDER BY v.version DESC LIMIT 1""", row -> row.getLong(1), jobtype)
                    .orElseThrow(() -> ApiException.notFound("jobtype '" + jobtype + "' not found; GET /api/v1/jobtypes/ lists the known ones"));
        }
        return sql.one("""
                SELECT v.id FROM jobtype_versions v JOIN jobtypes t ON t.id = v.jobtype_id
                WHERE t.name = ? AND v.version = ?""", row -> row.getLong(1), jobtype, version)
                .orElseThrow(() -> ApiException.notFound("jobtype '" + jobtype + "' has no version " + version));
    }

    /** A queue by its name, full path or id; null for none. */
    Long queue(String nameOrId) throws SQLException {
        return nameOrId == null ? null : QUEUES.find(sql, nameOrId);
    }

    public Long user(String username) throws SQLException {
        if (username == null) {
            return null;
        }
        return sql.one("SELECT id FROM users WHERE username = ?", row -> row.getLong(1), username)
                .orElseThrow(() -> ApiException.notFound("user '" + username + "' not found"));
    }

    Long jobgroup(Long id) throws SQLException {
        if (id == null) {
            return null;
        }
        return sql.one("SELECT id FROM job_groups WHERE id = ?", row -> row.getLong(1), id)
                .orElseThrow(() -> ApiException.notFound("jobgroup " + id + " not found"));
    }

    void checkParentsExist(List<Long> parents) throws SQLException {
        for (long parent : parents) {
            if (sql.one("SELECT id FROM jobs WHERE id = ?", row -> row.getLong(1), parent).isEmpty()) {
                throw ApiException.notFound("parent job " + parent + " not found");
            }
        }
    }

    /** A software requirement resolved to ids: software, and optional min/max version rows. */
    public record ResolvedSoftware(long softwareId, Long minVersionId, Long maxVersionId) {
    }

    public List<ResolvedSoftware> software(List<JobSubmission.SoftwareRequirement> requirements) throws SQLException {
        List<ResolvedSoftware> resolved = new ArrayList<>();
        for (JobSubmission.SoftwareRequirement requirement : requirements) {
            long softwareId = sql.one("SELECT id FROM software WHERE software = ?", row -> row.getLong(1), requirement.software())
                    .orElseThrow(() -> ApiException.notFound("software '" + requirement.software() + "' not found"));
            Long min = softwareVersion(softwareId, requirement.software(), requirement.minVersion());
            Long max = softwareVersion(softwareId, requirement.software(), requirement.maxVersion());
            if (resolved.stream().anyMatch(r -> r.softwareId() == softwareId)) {
                throw ApiException.badRequest("software '" + requirement.software() + "' is required twice");
            }
            resolved.add(new ResolvedSoftware(softwareId, min, max));
        }
        return resolved;
    }

    private Long softwareVersion(long softwareId, String software, String version) throws SQLException {
        if (version == null) {
            return null;
        }
        return sql.one("SELECT id FROM software_versions WHERE software_id = ? AND version = ?",
                        row -> row.getLong(1), softwareId, version)
                .orElseThrow(() -> ApiException.notFound("software '" + software + "' has no version '" + version + "'"));
    }

    /** The id of a tag, creating it on first use as PyFarm does. */
    public long tag(String tag) throws SQLException {
        sql.update("INSERT IGNORE INTO tags (tag) VALUES (?)", tag);
        return sql.one("SELECT id FROM tags WHERE tag = ?", row -> row.getLong(1), tag).orElseThrow();
    }
}
