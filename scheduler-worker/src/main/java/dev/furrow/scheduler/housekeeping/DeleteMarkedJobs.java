package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.notify.Notifier;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.store.logs.TaskLogFiles;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes jobs marked to_be_deleted once none of their tasks is assigned or running any more (PyFarm's
 * delete_job task), together with their tasks (cascade) and the task logs no other task refers to. The deletion
 * mails are queued, and the deleted tasks noted for the statistics, in the deleting transaction; the mails are sent
 * after it commits.
 */
@Singleton
public final class DeleteMarkedJobs {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteMarkedJobs.class);

    private final Transactor transactor;
    private final TaskLogFiles logFiles;
    private final Notifier notifier;
    private final RecordTaskDeletions taskDeletions;

    public DeleteMarkedJobs(Transactor transactor, TaskLogFiles logFiles, Notifier notifier,
                            RecordTaskDeletions taskDeletions) {
        this.transactor = transactor;
        this.logFiles = logFiles;
        this.notifier = notifier;
        this.taskDeletions = taskDeletions;
    }

    /** Returns the ids of the jobs deleted. */
    public List<Long> run() {
        List<Long> candidates = transactor.inTransaction(c -> ids(c, """
                SELECT j.id FROM jobs j WHERE j.to_be_deleted = TRUE AND NOT EXISTS (
                    SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.agent_id IS NOT NULL
                       AND t.state IN ('queued','running'))""", null));
        List<Long> deleted = new ArrayList<>();
        for (long jobId : candidates) {
            List<String> orphanedLogs = transactor.inTransaction(c -> delete(c, jobId));
            if (orphanedLogs != null) {
                orphanedLogs.forEach(logFiles::delete);
                deleted.add(jobId);
                LOG.info("deleted job {} and {} task log(s)", jobId, orphanedLogs.size());
            }
        }
        if (!deleted.isEmpty()) {
            notifier.sendSoon();
        }
        return deleted;
    }

    /** Deletes the job if it is still deletable; returns the identifiers of the logs removed with it, or null. */
    private List<String> delete(Connection c, long jobId) throws SQLException {
        List<Long> locked = ids(c, "SELECT id FROM jobs WHERE id = ? AND to_be_deleted = TRUE FOR UPDATE", jobId);
        if (locked.isEmpty()) {
            return null;
        }
        List<Long> busy = ids(c, """
                SELECT id FROM tasks WHERE job_id = ? AND agent_id IS NOT NULL AND state IN ('queued','running')
                 LIMIT 1""", jobId);
        if (!busy.isEmpty()) {
            return null;
        }
        List<Long> logIds = ids(c, """
                SELECT DISTINCT a.task_log_id FROM task_log_associations a JOIN tasks t ON t.id = a.task_id
                 WHERE t.job_id = ?""", jobId);
        notifier.jobDeleting(c, jobId);
        taskDeletions.jobDeleted(c, jobId, Instant.now());
        try (PreparedStatement s = c.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
            s.setLong(1, jobId);
            s.executeUpdate();
        }
        List<String> identifiers = new ArrayList<>();
        if (!logIds.isEmpty()) {
            String orphans = " FROM task_logs l WHERE l.id IN (" + Sql.placeholders(logIds.size())
                    + ") AND NOT EXISTS (SELECT 1 FROM task_log_associations a WHERE a.task_log_id = l.id)";
            try (PreparedStatement s = c.prepareStatement("SELECT l.identifier" + orphans)) {
                Sql.bindLongs(s, 1, logIds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        identifiers.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE l" + orphans)) {
                Sql.bindLongs(s, 1, logIds);
                s.executeUpdate();
            }
        }
        return identifiers;
    }

    private static List<Long> ids(Connection c, String sql, Long param) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setLong(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
