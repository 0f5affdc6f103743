package dev.furrow.scheduler.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the tag and software requirements of queued/running jobs and of job type versions. */
final class JobRequirements {

    private JobRequirements() {
    }

    /** Requirements of every queued or running job that has any, by job id. */
    static Map<Long, Requirements> ofActiveJobs(Connection c) throws SQLException {
        Map<Long, List<Requirements.Tag>> tags = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.job_id, r.tag_id, r.negate FROM job_tag_requirements r JOIN jobs j ON j.id = r.job_id
                 WHERE j.state IN ('queued','running')""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Requirements.Tag(rs.getLong(2), rs.getBoolean(3)));
            }
        }
        Map<Long, List<Requirements.Software>> software = software(c, """
                SELECT r.job_id, r.software_id, mn.`rank`, mx.`rank` FROM job_software_requirements r
                  JOIN jobs j ON j.id = r.job_id
                  LEFT JOIN software_versions mn ON mn.id = r.min_version_id
                  LEFT JOIN software_versions mx ON mx.id = r.max_version_id
                 WHERE j.state IN ('queued','running')""");
        Map<Long, Requirements> byJob = new HashMap<>();
        tags.forEach((job, list) -> byJob.put(job, new Requirements(list, List.of())));
        software.forEach((job, list) -> byJob.merge(job, new Requirements(List.of(), list), Requirements::and));
        return byJob;
    }

    /** Software requirements of every job type version that has any, by version id. */
    static Map<Long, Requirements> ofJobtypeVersions(Connection c) throws SQLException {
        Map<Long, Requirements> byVersion = new HashMap<>();
        software(c, """
                SELECT r.jobtype_version_id, r.software_id, mn.`rank`, mx.`rank` FROM jobtype_software_requirements r
                  LEFT JOIN software_versions mn ON mn.id = r.min_version_id
                  LEFT JOIN software_versions mx ON mx.id = r.max_version_id""")
                .forEach((version, list) -> byVersion.put(version, new Requirements(List.of(), list)));
        return byVersion;
    }

    /** Rows of (owner id, software id, min rank, max rank) grouped by owner. */
    private static Map<Long, List<Requirements.Software>> software(Connection c, String sql) throws SQLException {
        Map<Long, List<Requirements.Software>> byOwner = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long owner = rs.getLong(1);
                long softwareId = rs.getLong(2);
                int min = rs.getInt(3);
                Integer minRank = rs.wasNull() ? null : min;
                int max = rs.getInt(4);
                Integer maxRank = rs.wasNull() ? null : max;
                byOwner.computeIfAbsent(owner, k -> new ArrayList<>())
                        .add(new Requirements.Software(softwareId, minRank, maxRank));
            }
        }
        return byOwner;
    }
}
