package dev.furrow.scheduler.jobs;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Notes when the agents holding some tasks were told to stop them ({@code tasks.stop_requested_at}), so that a
 * stop the agent never confirms does not keep its task (and a deleted job) forever: the agent's report that
 * releases or ends the task clears the note, housekeeping releases the task when none comes in time. Only tasks an
 * agent still holds are marked; a cancelled task that already finished has nothing to confirm. Caller holds the
 * job row lock, so no report of the job changes the tasks between finding and marking them.
 */
final class MarkStopsRequested {

    private MarkStopsRequested() {
    }

    static void mark(Connection c, Collection<List<Long>> taskIdsByAgent, Instant now) throws SQLException {
        List<Long> taskIds = taskIdsByAgent.stream().flatMap(List::stream).toList();
        if (taskIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET stop_requested_at = ?
                 WHERE id IN (%s) AND agent_id IS NOT NULL AND state IN ('queued','running')"""
                .formatted(Sql.placeholders(taskIds.size())))) {
            Sql.setInstant(s, 1, now);
            Sql.bindLongs(s, 2, taskIds);
            s.executeUpdate();
        }
    }
}
