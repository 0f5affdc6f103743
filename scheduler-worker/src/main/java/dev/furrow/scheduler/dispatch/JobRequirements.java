package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what each runnable job demands of an agent: its own tag and software requirements plus the software
 * requirements of its job type version.
 */
final class JobRequirements {

    private JobRequirements() {
    }

    static Map<Long, Requirements> of(Connection c, Collection<FarmSnapshot.RunnableJob> jobs) throws SQLException {
        Map<Long, Requirements> byJob = new HashMap<>();
        if (jobs.isEmpty()) {
            return byJob;
        }
        List<Long> jobIds = jobs.stream().map(FarmSnapshot.RunnableJob::id).toList();
        List<Long> versionIds = jobs.stream().map(FarmSnapshot.RunnableJob::jobtypeVersionId).distinct().toList();
        Map<Long, List<Requirements.Tag>> tags = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT job_id, tag_id, negate FROM job_tag_requirements "
                + "WHERE job_id IN (" + Sql.placeholders(jobIds.size()) + ")")) {
            Sql.bindLongs(s, 1, jobIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Requirements.Tag(rs.getLong(2), rs.getBoolean(3)));
                }
            }
        }
        Map<Long, List<Requirements.Software>> jobSoftware = software(c, "job_software_requirements", "job_id",
                jobIds);
        Map<Long, List<Requirements.Software>> versionSoftware = software(c, "jobtype_software_requirements",
                "jobtype_version_id", versionIds);
        for (FarmSnapshot.RunnableJob job : jobs) {
            List<Requirements.Software> software = new ArrayList<>(jobSoftware.getOrDefault(job.id(), List.of()));
            software.addAll(versionSoftware.getOrDefault(job.jobtypeVersionId(), List.of()));
            List<Requirements.Tag> jobTags = tags.getOrDefault(job.id(), List.of());
            if (!software.isEmpty() || !jobTags.isEmpty()) {
                byJob.put(job.id(), new Requirements(jobTags, software));
            }
        }
        return byJob;
    }

    /** Rows of (owner id, software id, min rank, max rank) of one requirements table, grouped by owner. */
    private static Map<Long, List<Requirements.Software>> software(Connection c, String table, String owner,
                                                                   List<Long> owners) throws SQLException {
        Map<Long, List<Requirements.Software>> byOwner = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.%2$s, r.software_id, mn.`rank`, mx.`rank` FROM %1$s r
                  LEFT JOIN software_versions mn ON mn.id = r.min_version_id
                  LEFT JOIN software_versions mx ON mx.id = r.max_version_id
                 WHERE r.%2$s IN (%3$s)""".formatted(table, owner, Sql.placeholders(owners.size())))) {
            Sql.bindLongs(s, 1, owners);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int min = rs.getInt(3);
                    Integer minRank = rs.wasNull() ? null : min;
                    int max = rs.getInt(4);
                    Integer maxRank = rs.wasNull() ? null : max;
                    byOwner.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Requirements.Software(rs.getLong(2), minRank, maxRank));
                }
            }
        }
        return byOwner;
    }
}
