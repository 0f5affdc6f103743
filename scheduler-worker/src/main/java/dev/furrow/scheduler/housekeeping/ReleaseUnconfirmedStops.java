package dev.furrow.scheduler.housekeeping;

import dev.furrow.messages.StopTasks;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.scheduler.tasks.LockJobs;
import dev.furrow.scheduler.tasks.RollUpJobState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks whose agent was told to stop them (job paused or deleted, task cancelled) and has not confirmed it within
 * the stop-confirm timeout: the stop or the agent's answer was lost, or the agent does not know the task. They go
 * back to the queue without a failure (nothing says the task failed), so a deleted job is not kept forever and a
 * rerun task runs again; the agent is told once more, with KILL, in case it still runs them. A note left from an
 * earlier assignment of a task (released some other way since, e.g. its agent went offline) is only cleared.
 */
@Singleton
public final class ReleaseUnconfirmedStops {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseUnconfirmedStops.class);
    /** The stop was asked of the assignment the task still has. */
    private static final String STILL_HELD = """
            agent_id IS NOT NULL AND state IN ('queued','running')
            AND COALESCE(assigned_at, stop_requested_at) <= stop_requested_at""";

    private final Transactor transactor;
    private final Publisher publisher;
    private final Broker broker;
    private final Duration timeout;

    public ReleaseUnconfirmedStops(Transactor transactor, Publisher publisher, Broker broker,
                                   SchedulerConfig config) {
        this.transactor = transactor;
        this.publisher = publisher;
        this.broker = broker;
        this.timeout = config.reconcile().stopConfirmTimeout();
    }

    /** Returns how many tasks went back to the queue. */
    public int run(Instant now) {
        Instant askedBefore = now.minus(timeout);
        String error = "stop not confirmed by the agent within " + StopStalledTasks.describe(timeout);
        Map<UUID, List<Long>> released = transactor.inTransaction(c -> release(c, askedBefore, error, now));
        transactor.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE tasks SET stop_requested_at = NULL WHERE stop_requested_at < ? AND NOT (" + STILL_HELD
                            + ")")) {
                Sql.setInstant(s, 1, askedBefore);
                return s.executeUpdate();
            }
        });
        int count = 0;
        List<Publisher.Outgoing> stops = new ArrayList<>();
        for (Map.Entry<UUID, List<Long>> entry : released.entrySet()) {
            LOG.warn("agent {} did not confirm stopping task(s) {} within {}; back in the queue without a failure",
                    entry.getKey(), entry.getValue(), StopStalledTasks.describe(timeout));
            stops.add(new Publisher.Outgoing(broker.topology().agentsExchange(), entry.getKey().toString(),
                    new StopTasks(entry.getValue(), StopTasks.Signal.KILL, error, now)));
            count += entry.getValue().size();
        }
        publisher.publishAll(stops);
        return count;
    }

    private static Map<UUID, List<Long>> release(Connection c, Instant askedBefore, String error, Instant now)
            throws SQLException {
        List<Long> jobIds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT job_id FROM tasks WHERE stop_requested_at < ? AND " + STILL_HELD)) {
            Sql.setInstant(s, 1, askedBefore);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobIds.add(rs.getLong(1));
                }
            }
        }
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        LockJobs.lock(c, jobIds);
        Map<UUID, List<Long>> byAgent = new LinkedHashMap<>();
        List<Long> taskIds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT agent_id, id FROM tasks WHERE job_id IN (%s) AND stop_requested_at < ? AND %s
                 ORDER BY id FOR UPDATE""".formatted(Sql.placeholders(jobIds.size()), STILL_HELD))) {
            int next = Sql.bindLongs(s, 1, jobIds);
            Sql.setInstant(s, next, askedBefore);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byAgent.computeIfAbsent(UUID.fromString(rs.getString(1)), a -> new ArrayList<>())
                            .add(rs.getLong(2));
                    taskIds.add(rs.getLong(2));
                }
            }
        }
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE tasks SET state = 'queued', agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                       progress = 0, stop_requested_at = NULL, last_error = ?
                 WHERE id IN (%s)""".formatted(Sql.placeholders(taskIds.size())))) {
            s.setString(1, error);
            Sql.bindLongs(s, 2, taskIds);
            s.executeUpdate();
        }
        RollUpJobState.apply(c, jobIds, now);
        return byAgent;
    }
}
