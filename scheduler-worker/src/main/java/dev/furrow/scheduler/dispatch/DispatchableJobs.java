package dev.furrow.scheduler.dispatch;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a job may hand out tasks at the moment a round claims from it: queued or running, not being deleted,
 * not hidden, every parent done. The {@link FarmView} a round decides from may be a moment old; this read is not.
 * Task pools apply it in their own query; pinned tasks, which skip the pools, ask it job by job.
 */
final class DispatchableJobs {

    /** The rule as a condition on the job {@code j.id = ?}, for a subquery. */
    static final String CONDITION = """
            SELECT 1 FROM jobs j
             WHERE j.id = ? AND j.state IN ('queued','running') AND j.to_be_deleted = FALSE AND j.hidden = FALSE
               AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.parentid
                                WHERE d.childid = j.id AND p.state <> 'done')""";

    private DispatchableJobs() {
    }

    static Set<Long> among(Connection c, Collection<Long> jobIds) throws SQLException {
        Set<Long> dispatchable = new HashSet<>();
        if (jobIds.isEmpty()) {
            return dispatchable;
        }
        for (long jobId : jobIds) {
            try (PreparedStatement s = c.prepareStatement(CONDITION)) {
                s.setLong(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        dispatchable.add(jobId);
                    }
                }
            }
        }
        return dispatchable;
    }
}
