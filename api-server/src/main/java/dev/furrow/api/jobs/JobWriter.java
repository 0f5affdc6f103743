package dev.furrow.api.jobs;

import dev.furrow.api.limits.LimitAmounts;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.time.Instant;

/** Writes a new job, its tasks and its associations; runs inside the caller's transaction. */
final class JobWriter {

    private JobWriter() {
    }

    static long insert(Sql sql, JobSubmission job, Instant now) throws SQLException {
        JobReferences references = new JobReferences(sql);
        long jobtypeVersionId = references.jobtypeVersion(job.jobtype(), job.jobtypeVersion());
        Long queueId = references.queue(job.jobqueue());
        Long userId = references.user(job.user());
        Long jobgroupId = references.jobgroup(job.jobgroupId());
        references.checkParentsExist(job.parents());
        var software = references.software(job.softwareRequirements());

        long jobId = sql.insert("""
                INSERT INTO jobs (jobtype_version_id, job_queue_id, job_group_id, user_id, title, state, priority, weight,
                    minimum_agents, maximum_agents, frame_start, frame_end, frame_by, batch, requeue, cpus, ram,
                    ram_warning, ram_max, num_tiles, hidden, autodelete_time, data, environ, notes, output_link,
                    time_submitted)
                VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                jobtypeVersionId, queueId, jobgroupId, userId, job.title(), job.priority(), job.weight(),
                job.minimumAgents(), job.maximumAgents(), job.frames().start(), job.frames().end(), job.frames().by(),
                job.batch(), job.requeue(), job.cpus(), job.ram(), job.ramWarning(), job.ramMax(), job.numTiles(),
                job.hidden(), job.autodeleteTime(), job.data(), job.environ(), job.notes(), job.outputLink(), now);

        for (String tag : job.tags()) {
            sql.update("INSERT IGNORE INTO job_tag_associations (job_id, tag_id) VALUES (?, ?)", jobId, references.tag(tag));
        }
        for (TagRequirement requirement : job.tagRequirements()) {
            sql.update("INSERT INTO job_tag_requirements (job_id, tag_id, negate) VALUES (?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE negate = VALUES(negate)",
                    jobId, references.tag(requirement.tag()), requirement.negate());
        }
        for (JobReferences.ResolvedSoftware requirement : software) {
            sql.update("INSERT INTO job_software_requirements (job_id, software_id, min_version_id, max_version_id) VALUES (?, ?, ?, ?)",
                    jobId, requirement.softwareId(), requirement.minVersionId(), requirement.maxVersionId());
        }
        for (long parent : job.parents()) {
            sql.update("INSERT INTO job_dependencies (parentid, childid) VALUES (?, ?)", parent, jobId);
        }
        LimitAmounts.writeForJob(sql, jobId, job.limits());
        TaskInserter.insertAll(sql.connection(), jobId, job.priority(), job.frames(), now);
        return jobId;
    }
}
