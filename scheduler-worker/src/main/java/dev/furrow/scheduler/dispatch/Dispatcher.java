package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Transactor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hands queued tasks to agents: claims a batch in one transaction ({@link ClaimTasks}), commits, then publishes
 * {@code AssignTasks} to the agent's queue. If publishing fails the claim is undone, so no task waits for an
 * assignment that was never sent. Safe to run in several threads and several workers at once.
 */
@Singleton
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** With agent sharing, how many assignments one decision may give one agent. */
    private static final int MAX_ASSIGNMENTS_PER_DECISION = 16;

    private final Transactor transactor;
    private final Publisher publisher;
    private final Topology topology;
    private final DispatchRules rules;

    public Dispatcher(Transactor transactor, Publisher publisher, Broker broker, SchedulerConfig config) {
        this.transactor = transactor;
        this.publisher = publisher;
        this.topology = broker.topology();
        this.rules = DispatchRules.of(config);
    }

    /** What a dispatch decision for one agent did. */
    public record Outcome(int assignments, boolean nothingRunnable) {
    }

    /** Gives the agent as much work as it has room for (one assignment unless agent sharing is on). */
    public Outcome dispatchTo(UUID agentId) {
        int sent = 0;
        while (sent < MAX_ASSIGNMENTS_PER_DECISION) {
            ClaimResult result = transactor.inTransaction(c -> ClaimTasks.claim(c, agentId, rules, Instant.now()));
            if (!(result instanceof ClaimResult.Claimed claimed)) {
                return new Outcome(sent, result instanceof ClaimResult.NothingRunnable);
            }
            send(claimed);
            sent++;
            if (!rules.allowSharing()) {
                break;
            }
        }
        return new Outcome(sent, false);
    }

    /**
     * Offers work to every agent that is online and idle (or, with sharing, every online agent); the trigger
     * for job events and the safety-net sweep. Stops early once nothing is runnable.
     */
    public int dispatchToIdleAgents() {
        int assignments = 0;
        for (UUID agentId : idleAgents()) {
            Outcome outcome = dispatchTo(agentId);
            assignments += outcome.assignments();
            if (outcome.nothingRunnable()) {
                break;
            }
        }
        return assignments;
    }

    private void send(ClaimResult.Claimed claimed) {
        try {
            publisher.publish(topology.agentsExchange(), claimed.agentId().toString(), claimed.assignment());
            LOG.debug("assigned {} task(s) of job {} to agent {}", claimed.assignment().tasks().size(),
                    claimed.assignment().job().id(), claimed.agentId());
        } catch (RuntimeException e) {
            UUID assignmentId = claimed.assignment().assignmentId();
            transactor.inTransaction(c -> ReleaseUnsentAssignment.apply(c, assignmentId));
            throw e;
        }
    }

    private List<UUID> idleAgents() {
        String idle = rules.allowSharing() ? "" : """
                AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.agent_id = a.id AND t.state IN ('queued','running'))""";
        String sql = "SELECT a.id FROM agents a WHERE a.state IN ('online','running') " + idle
                + " ORDER BY a.id";
        return transactor.inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(UUID.fromString(rs.getString(1)));
                }
            }
            return ids;
        });
    }
}
