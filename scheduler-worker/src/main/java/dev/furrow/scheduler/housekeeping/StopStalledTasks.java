package dev.furrow.scheduler.housekeeping;

import dev.furrow.messages.StopTasks;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.scheduler.tasks.FailTask;
import dev.furrow.scheduler.tasks.LockJobs;
import dev.furrow.scheduler.tasks.RollUpJobState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A task stalls when its agent is alive (heard from within the offline timeout) but the task has sent no report
 * for the stalled-task timeout (the process hangs, or the agent lost track of it). Each stalled task is failed
 * ({@link FailTask}: requeued while the job's requeue allows) in its own transaction, rechecked under the task's
 * row lock; after the commit the agent gets {@code StopTasks} for it. The agent's later "stopped" report is
 * ignored (the task no longer names that agent).
 */
@Singleton
public final class StopStalledTasks {

    private static final Logger LOG = LoggerFactory.getLogger(StopStalledTasks.class);

    private final Transactor transactor;
    private final Publisher publisher;
    private final Broker broker;
    private final Duration stalledTimeout;
    private final Duration offlineTimeout;

    public StopStalledTasks(Transactor transactor, Publisher publisher, Broker broker, SchedulerConfig config) {
        this.transactor = transactor;
        this.publisher = publisher;
        this.broker = broker;
        this.stalledTimeout = config.reconcile().stalledTaskTimeout();
        this.offlineTimeout = config.agentOfflineTimeout();
    }

    private record Stalled(long taskId, long jobId, UUID agentId, int attempts) {
    }

    /** Returns how many stalled tasks were stopped. */
    public int run(Instant now) {
        Instant quietSince = now.minus(stalledTimeout);
        List<Stalled> stalled = transactor.inTransaction(c -> {
            List<Stalled> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, t.job_id, t.agent_id, t.attempts FROM tasks t JOIN agents a ON a.id = t.agent_id
                     WHERE t.state = 'running' AND a.state IN ('online','running') AND a.last_heard_from >= ?
                       AND COALESCE(t.last_report_at, t.time_started, t.assigned_at) < ?""")) {
                Sql.setInstant(s, 1, now.minus(offlineTimeout));
                Sql.setInstant(s, 2, quietSince);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Stalled(rs.getLong(1), rs.getLong(2), UUID.fromString(rs.getString(3)),
                                rs.getInt(4)));
                    }
                }
            }
            return found;
        });
        String error = "stalled: no report for " + describe(stalledTimeout);
        int stopped = 0;
        for (Stalled task : stalled) {
            boolean failed = transactor.inTransaction(c -> {
                LockJobs.lock(c, List.of(task.jobId()));
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT t.failures, j.requeue FROM tasks t JOIN jobs j ON j.id = t.job_id
                         WHERE t.id = ? AND t.state = 'running' AND t.agent_id = ? AND t.attempts = ?
                           AND COALESCE(t.last_report_at, t.time_started, t.assigned_at) < ? FOR UPDATE""")) {
                    s.setLong(1, task.taskId());
                    s.setString(2, task.agentId().toString());
                    s.setInt(3, task.attempts());
                    Sql.setInstant(s, 4, quietSince);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                        FailTask.apply(c, task.taskId(), task.agentId(), rs.getInt(1), rs.getInt(2), error, now);
                    }
                }
                RollUpJobState.apply(c, task.jobId(), now);
                return true;
            });
            if (failed) {
                LOG.warn("task {} on agent {} {}; stopping it", task.taskId(), task.agentId(), error);
                publisher.publish(broker.topology().agentsExchange(), task.agentId().toString(),
                        new StopTasks(List.of(task.taskId()), StopTasks.Signal.TERM, error, now));
                stopped++;
            }
        }
        return stopped;
    }

    /** "30m", "90s", "2h": the timeout as configured, for the task's last_error. */
    static String describe(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
