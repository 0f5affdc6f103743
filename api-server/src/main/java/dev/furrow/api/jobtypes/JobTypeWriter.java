package dev.furrow.api.jobtypes;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.jobs.JobReferences;
import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Creates job types and versions, and deletes those no job uses; runs inside the caller's transaction. */
final class JobTypeWriter {

    private JobTypeWriter() {
    }

    /** Adds the next version of the job type, creating the job type first when it does not exist. */
    static long addVersion(Sql sql, Optional<Long> existing, JobTypeVersionRequest request) throws SQLException {
        List<JobReferences.ResolvedSoftware> software = new JobReferences(sql).software(request.softwareRequirements());
        long jobtypeId;
        if (existing.isPresent()) {
            jobtypeId = existing.get();
            if (request.description() != null) {
                sql.update("UPDATE jobtypes SET description = ? WHERE id = ?", request.description(), jobtypeId);
            }
        } else {
            jobtypeId = sql.insert("INSERT INTO jobtypes (name, description) VALUES (?, ?)", request.name(), request.description());
        }
        int version = sql.one("SELECT COALESCE(MAX(version), 0) + 1 FROM jobtype_versions WHERE jobtype_id = ? FOR UPDATE",
                row -> row.getInt(1), jobtypeId).orElseThrow();
        long versionId = sql.insert("""
                INSERT INTO jobtype_versions (jobtype_id, version, classname, code, max_batch, batch_contiguous,
                    no_automatic_start_time, supports_tiling) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                jobtypeId, version, request.classname(), request.code(), request.maxBatch(), request.batchContiguous(),
                request.noAutomaticStartTime(), request.supportsTiling());
        for (JobReferences.ResolvedSoftware requirement : software) {
            sql.update("""
                    INSERT INTO jobtype_software_requirements (jobtype_version_id, software_id, min_version_id, max_version_id)
                    VALUES (?, ?, ?, ?)""", versionId, requirement.softwareId(), requirement.minVersionId(), requirement.maxVersionId());
        }
        LimitAmounts.writeForJobTypeVersion(sql, versionId, request.limits());
        return jobtypeId;
    }

    static void delete(Sql sql, long jobtypeId) throws SQLException {
        refuseWhenUsed(sql, "SELECT COUNT(*) FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id WHERE v.jobtype_id = ?",
                jobtypeId, "jobtype " + jobtypeId);
        refuseWhenUsed(sql, "SELECT COUNT(*) FROM job_groups WHERE main_jobtype_id = ?", jobtypeId, "jobtype " + jobtypeId + " (as a job group's main jobtype)");
        sql.update("DELETE FROM jobtypes WHERE id = ?", jobtypeId);
    }

    static void deleteVersion(Sql sql, long jobtypeId, int version) throws SQLException {
        refuseWhenUsed(sql, "SELECT COUNT(*) FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id "
                + "WHERE v.jobtype_id = ? AND v.version = ?", jobtypeId, "version " + version + " of jobtype " + jobtypeId, version);
        sql.update("DELETE FROM jobtype_versions WHERE jobtype_id = ? AND version = ?", jobtypeId, version);
    }

    private static void refuseWhenUsed(Sql sql, String countSql, long jobtypeId, String what, Object... more) throws SQLException {
        Object[] params = new Object[1 + more.length];
        params[0] = jobtypeId;
        System.arraycopy(more, 0, params, 1, more.length);
        long jobs = sql.one(countSql, row -> row.getLong(1), params).orElse(0L);
        if (jobs > 0) {
            throw ApiException.conflict(what + " is used by " + jobs + " job(s); delete those jobs first");
        }
    }
}
