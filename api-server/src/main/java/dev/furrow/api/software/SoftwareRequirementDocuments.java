package dev.furrow.api.software;

import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.List;

/** The {@code software_requirements} list of a job or of a job type version, in PyFarm's JSON form. */
public final class SoftwareRequirementDocuments {

    // Jobs and job type versions keep their requirements in tables of the same shape; only the owner differs.
    private static final String SELECT = """
            SELECT s.software, r.software_id, r.min_version_id, r.max_version_id,
                   mn.version AS min_version, mx.version AS max_version
            FROM %s r JOIN software s ON s.id = r.software_id
            LEFT JOIN software_versions mn ON mn.id = r.min_version_id
            LEFT JOIN software_versions mx ON mx.id = r.max_version_id
            WHERE r.%s = ? ORDER BY s.software""";

    private SoftwareRequirementDocuments() {
    }

    public static List<SoftwareRequirement> ofJob(Sql sql, long jobId) throws SQLException {
        return list(sql, SELECT.formatted("job_software_requirements", "job_id"), jobId);
    }

    public static List<SoftwareRequirement> ofJobTypeVersion(Sql sql, long jobtypeVersionId) throws SQLException {
        return list(sql, SELECT.formatted("jobtype_software_requirements", "jobtype_version_id"), jobtypeVersionId);
    }

    private static List<SoftwareRequirement> list(Sql sql, String select, long ownerId) throws SQLException {
        return sql.list(select, row -> new SoftwareRequirement(row.getString("software"), row.getLong("software_id"),
                row.getString("min_version"), Sql.nullableLong(row, "min_version_id"),
                row.getString("max_version"), Sql.nullableLong(row, "max_version_id")), ownerId);
    }
}
