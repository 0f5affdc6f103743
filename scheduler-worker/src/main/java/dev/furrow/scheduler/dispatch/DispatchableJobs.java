package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of some jobs may hand out tasks at the moment a round claims them: queued or running, not being deleted,
 * not hidden, every parent done. The {@link FarmView} a round decides from may be a moment old; this read is not.
 */
final class DispatchableJobs {

    private DispatchableJobs() {
    }

    static Set<Long> among(Connection c, Collection<Long> jobIds) throws SQLException {
        Set<Long> dispatchable = new HashSet<>();
        if (jobIds.isEmpty()) {
            return dispatchable;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.id FROM jobs j
                 WHERE j.id IN (%s) AND j.state IN ('queued','running') AND j.to_be_deleted = FALSE
                   AND j.hidden = FALSE
                   AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs p ON p.id = d.parentid
                                    WHERE d.childid = j.id AND p.state <> 'done')"""
                .formatted(Sql.placeholders(jobIds.size())))) {
            Sql.bindLongs(s, 1, jobIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dispatchable.add(rs.getLong(1));
                }
            }
        }
        return dispatchable;
    }
}
