package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AssignmentRejected;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.tasks.LockJobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent refused an assignment, so its tasks never started: they go back to the queue with the attempt
 * undone. Only tasks still carrying that assignment for that agent are touched, which makes it idempotent.
 */
final class ReleaseRejectedAssignment {

    private ReleaseRejectedAssignment() {
    }

    /** How many tasks went back to the queue, and their jobs. */
    record Released(int tasks, List<Long> jobIds) {
    }

    static Released apply(Connection c, AssignmentRejected r, Instant now) throws SQLException {
        TouchAgent.touch(c, r.agentId(), now);
        if (r.taskIds() == null || r.taskIds().isEmpty() || r.assignmentId() == null) {
            return new Released(0, List.of());
        }
        String scope = " WHERE id IN (" + Sql.placeholders(r.taskIds().size())
                + ") AND assignment_id = ? AND agent_id = ? AND state = 'queued'";
        List<Long> jobIds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT job_id FROM tasks" + scope)) {
            bind(s, r);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobIds.add(rs.getLong(1));
                }
            }
        }
        LockJobs.lock(c, jobIds);
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                       attempts = GREATEST(attempts - 1, 0), report_sequence = 0""" + scope)) {
            bind(s, r);
            return new Released(s.executeUpdate(), jobIds);
        }
    }

    private static void bind(PreparedStatement s, AssignmentRejected r) throws SQLException {
        int i = Sql.bindLongs(s, 1, r.taskIds());
        s.setString(i++, r.assignmentId().toString());
        s.setString(i, r.agentId().toString());
    }
}
