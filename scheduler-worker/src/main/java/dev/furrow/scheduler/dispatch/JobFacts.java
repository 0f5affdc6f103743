package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What jobs demand of the agents that run them and hold while they run, read in one statement: the tag and
 * software requirements of the jobs and of their job type versions, and the limits both declare.
 */
final class JobFacts {

    /** A job, with its job type version (whose software requirements and limits it inherits). */
    record Job(long id, long jobtypeVersionId) {
    }

    private final Map<Long, List<Requirements.Tag>> jobTags = new HashMap<>();
    private final Map<Long, List<Requirements.Software>> jobSoftware = new HashMap<>();
    private final Map<Long, List<Requirements.Software>> versionSoftware = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> jobLimits = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> versionLimits = new HashMap<>();
    private final Map<Long, Long> versionOfJob = new HashMap<>();
    private final Map<Long, Requirements> requirements = new HashMap<>();

    private JobFacts() {
    }

    static JobFacts read(Connection c, Collection<Job> jobs) throws SQLException {
        JobFacts facts = new JobFacts();
        Set<Job> unique = new LinkedHashSet<>(jobs);
        if (unique.isEmpty()) {
            return facts;
        }
        unique.forEach(job -> facts.versionOfJob.put(job.id(), job.jobtypeVersionId()));
        List<Long> jobIds = unique.stream().map(Job::id).toList();
        List<Long> versionIds = unique.stream().map(Job::jobtypeVersionId).distinct().toList();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 'job-tag' AS kind, job_id AS owner, tag_id AS ref, negate AS n1, NULL AS n2
                  FROM job_tag_requirements WHERE job_id IN (%1$s)
                UNION ALL
                SELECT 'job-software', r.job_id, r.software_id, mn.`rank`, mx.`rank`
                  FROM job_software_requirements r
                  LEFT JOIN software_versions mn ON mn.id = r.min_version_id
                  LEFT JOIN software_versions mx ON mx.id = r.max_version_id
                 WHERE r.job_id IN (%1$s)
                UNION ALL
                SELECT 'version-software', r.jobtype_version_id, r.software_id, mn.`rank`, mx.`rank`
                  FROM jobtype_software_requirements r
                  LEFT JOIN software_versions mn ON mn.id = r.min_version_id
                  LEFT JOIN software_versions mx ON mx.id = r.max_version_id
                 WHERE r.jobtype_version_id IN (%2$s)
                UNION ALL
                SELECT 'job-limit', job_id, limit_id, amount, NULL FROM job_limits WHERE job_id IN (%1$s)
                UNION ALL
                SELECT 'version-limit', jobtype_version_id, limit_id, amount, NULL
                  FROM jobtype_limits WHERE jobtype_version_id IN (%2$s)"""
                .formatted(Sql.placeholders(jobIds.size()), Sql.placeholders(versionIds.size())))) {
            int i = Sql.bindLongs(s, 1, jobIds);
            i = Sql.bindLongs(s, i, jobIds);
            i = Sql.bindLongs(s, i, versionIds);
            i = Sql.bindLongs(s, i, jobIds);
            Sql.bindLongs(s, i, versionIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    facts.add(rs);
                }
            }
        }
        return facts;
    }

    private void add(ResultSet rs) throws SQLException {
        long owner = rs.getLong("owner");
        long ref = rs.getLong("ref");
        Integer n1 = Sql.nullableInt(rs, "n1");
        Integer n2 = Sql.nullableInt(rs, "n2");
        switch (rs.getString("kind")) {
            case "job-tag" -> jobTags.computeIfAbsent(owner, k -> new ArrayList<>())
                    .add(new Requirements.Tag(ref, n1 != null && n1 != 0));
            case "job-software" -> jobSoftware.computeIfAbsent(owner, k -> new ArrayList<>())
                    .add(new Requirements.Software(ref, n1, n2));
            case "version-software" -> versionSoftware.computeIfAbsent(owner, k -> new ArrayList<>())
                    .add(new Requirements.Software(ref, n1, n2));
            case "job-limit" -> jobLimits.computeIfAbsent(owner, k -> new HashMap<>()).put(ref, n1);
            case "version-limit" -> versionLimits.computeIfAbsent(owner, k -> new HashMap<>()).put(ref, n1);
            default -> throw new IllegalStateException("unknown fact " + rs.getString("kind"));
        }
    }

    /** The job's own tag and software requirements plus the software requirements of its job type version. */
    Requirements requirementsOf(long jobId) {
        return requirements.computeIfAbsent(jobId, id -> {
            List<Requirements.Software> software = new ArrayList<>(jobSoftware.getOrDefault(id, List.of()));
            software.addAll(versionSoftware.getOrDefault(versionOfJob.get(id), List.of()));
            return new Requirements(jobTags.getOrDefault(id, List.of()), software);
        });
    }

    /**
     * How much of each limit one task of the job holds: its job's amount plus its job type version's, when both
     * name one limit.
     */
    Map<Long, Integer> limitAmountsOf(long jobId) {
        Map<Long, Integer> perLimit = new HashMap<>(jobLimits.getOrDefault(jobId, Map.of()));
        versionLimits.getOrDefault(versionOfJob.get(jobId), Map.of()).forEach((limit, amount) ->
                perLimit.merge(limit, amount, Integer::sum));
        return perLimit;
    }

    Set<Long> jobs() {
        return versionOfJob.keySet();
    }
}
