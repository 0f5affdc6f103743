package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.PipelinedPublisher;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands queued tasks to agents: decides for a set of agents in one transaction ({@link DispatchRound}), commits,
 * then publishes every {@code AssignTasks} without waiting for the broker's confirms, so the next decision does not
 * wait for the broker's disk. If the broker refuses them or never confirms them, their claims are undone at the
 * next decision ({@link DispatchDemand#unsent}), so no task waits for an assignment that was never sent. Safe to
 * run in several threads and several workers at once.
 */
@Singleton
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Agents decided for in one round; a larger set is served in several. */
    private static final int AGENTS_PER_ROUND = 250;

    private final Transactor transactor;
    private final PipelinedPublisher publisher;
    private final DispatchDemand demand;
    private final Topology topology;
    private final DispatchRules rules;
    private final FarmView view;

    public Dispatcher(Transactor transactor, PipelinedPublisher publisher, DispatchDemand demand, Broker broker,
                      SchedulerConfig config) {
        this.transactor = transactor;
        this.publisher = publisher;
        this.demand = demand;
        this.topology = broker.topology();
        this.rules = DispatchRules.of(config);
        this.view = new FarmView(config.farmViewMaxAge());
    }

    /** Jobs changed (a job event this worker received): the next decision reads the farm afresh. */
    public void jobsChanged() {
        view.invalidate();
    }

    /** What dispatching did: assignments sent, and whether any job still had tasks nobody took. */
    public record Outcome(int assignments, boolean workLeft) {
    }

    /**
     * Gives each agent as much work as it has room for (one assignment unless agent sharing is on). Decisions of
     * one worker run one at a time (they share its {@link FarmView}); other workers' run beside them.
     */
    public synchronized Outcome dispatchTo(Collection<UUID> agentIds) {
        List<UUID> agents = List.copyOf(agentIds);
        int sent = 0;
        boolean workLeft = true;
        for (int from = 0; from < agents.size() && workLeft; from += AGENTS_PER_ROUND) {
            List<UUID> chunk = agents.subList(from, Math.min(agents.size(), from + AGENTS_PER_ROUND));
            DispatchRound.Result round = transactor.inTransaction(c -> DispatchRound.run(c, chunk, rules, view,
                    Instant.now()));
            send(round.assigned());
            sent += round.assigned().size();
            workLeft = round.workLeft();
        }
        return new Outcome(sent, workLeft);
    }

    public Outcome dispatchTo(UUID agentId) {
        return dispatchTo(List.of(agentId));
    }

    /** Serves what was asked for: the named agents, and every idle agent if asked. */
    public Outcome dispatch(DispatchDemand.Pending pending) {
        if (!pending.unsent().isEmpty()) {
            int released = transactor.inTransaction(c -> ReleaseUnsentAssignments.apply(c, pending.unsent()));
            LOG.warn("{} assignment(s) never reached the broker; {} task(s) back in the queue",
                    pending.unsent().size(), released);
        }
        if (!pending.idleAgents()) {
            return dispatchTo(pending.agents());
        }
        java.util.Set<UUID> agents = new java.util.LinkedHashSet<>(pending.agents());
        idleAgents().stream().filter(agent -> !pending.idleAgentsLeftOut().contains(agent)).forEach(agents::add);
        return dispatchTo(agents);
    }

    /**
     * Offers work to every agent that is online and idle (or, with sharing, every online agent); the trigger
     * for job events, released tasks and the safety-net sweep.
     */
    public int dispatchToIdleAgents() {
        return dispatchTo(idleAgents()).assignments();
    }

    private void send(List<DispatchRound.Assigned> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        List<Publisher.Outgoing> messages = assigned.stream().map(a -> new Publisher.Outgoing(
                topology.agentsExchange(), a.agentId().toString(), a.assignment())).toList();
        Map<UUID, UUID> agentByAssignment = new HashMap<>();
        assigned.forEach(a -> agentByAssignment.put(a.assignment().assignmentId(), a.agentId()));
        publisher.publishAll(messages, () -> demand.unsent(agentByAssignment));
        LOG.debug("sent {} assignment(s)", assigned.size());
    }

    /**
     * Online agents with room: without sharing, those holding no task they were sent (tasks pinned to them but not
     * sent do not count). The probe stands in the select list: in the WHERE clause MariaDB turns it into an
     * anti-join that scans every task ever assigned.
     */
    private List<UUID> idleAgents() {
        return transactor.inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT a.id,
                           EXISTS (SELECT 1 FROM tasks t WHERE t.agent_id = a.id AND t.state = 'running')
                           OR EXISTS (SELECT 1 FROM tasks t WHERE t.agent_id = a.id AND t.state = 'queued'
                                         AND t.sent_to_agent)
                      FROM agents a WHERE a.state IN ('online','running') ORDER BY a.id""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rules.allowSharing() || !rs.getBoolean(2)) {
                        ids.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
            return ids;
        });
    }

}
