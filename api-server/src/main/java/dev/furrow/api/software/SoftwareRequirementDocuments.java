package dev.furrow.api.software;

import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public static List<Map<String, Object>> ofJob(Sql sql, long jobId) throws SQLException {
        return list(sql, SELECT.formatted("job_software_requirements", "job_id"), jobId);
    }

    public static List<Map<String, Object>> ofJobTypeVersion(Sql sql, long jobtypeVersionId) throws SQLException {
        return list(sql, SELECT.formatted("jobtype_software_requirements", "jobtype_version_id"), jobtypeVersionId);
    }

    private static List<Map<String, Object>> list(Sql sql, String select, long ownerId) throws SQLException {
        return sql.list(select, row -> {
            Map<String, Object> requirement = new LinkedHashMap<>();
            requirement.put("software", row.getString("software"));
            requirement.put("software_id", row.getLong("software_id"));
            requirement.put("min_version", row.getString("min_version"));
            requirement.put("min_version_id", Sql.nullableLong(row, "min_version_id"));
            requirement.put("max_version", row.getString("max_version"));
            requirement.put("max_version_id", Sql.nullableLong(row, "max_version_id"));
            return requirement;
        }, ownerId);
    }
}
