package dev.furrow.scheduler.dispatch;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Agents waiting for a dispatch decision. Report handling, job events and housekeeping add to it from any thread;
 * the dispatch thread ({@link DispatchLoop}) takes everything that has piled up and serves it with one
 * {@link Dispatcher} decision, so a burst of events costs one decision, not one per event. Losing it (a crash)
 * loses nothing: it is derived from the database, where idle agents are found again by the periodic sweep.
 */
@Singleton
public final class DispatchDemand {

    /**
     * What was asked for: these agents, and every idle agent when {@code idleAgents} except those in
     * {@code idleAgentsLeftOut} (unless named in {@code agents}); first, the claims of assignments the broker did
     * not take ({@code unsent}), to be undone.
     */
    public record Pending(List<UUID> agents, boolean idleAgents, Set<UUID> idleAgentsLeftOut,
                          Map<UUID, UUID> unsent) {

        public boolean isEmpty() {
            return agents.isEmpty() && !idleAgents && unsent.isEmpty();
        }
    }

    private final Set<UUID> agents = new LinkedHashSet<>();
    private final Map<UUID, UUID> unsent = new LinkedHashMap<>();
    private boolean idleAgents;
    private Set<UUID> idleAgentsLeftOut = Set.of();

    public synchronized void agents(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            agents.addAll(ids);
            notifyAll();
        }
    }

    /** Every idle agent should be offered work: new work appeared or tasks came back to the queue. */
    public void idleAgents() {
        idleAgentsExcept(Set.of());
    }

    /**
     * Every idle agent but {@code leftOut} should be offered work: tasks came back to the queue because those
     * agents refused them, and offering them the same tasks again would only repeat the refusal.
     */
    public synchronized void idleAgentsExcept(Set<UUID> leftOut) {
        addIdleAgents(true, leftOut);
        notifyAll();
    }

    // Two demands for idle agents leave out only the agents both leave out: each wants the others served.
    private void addIdleAgents(boolean wanted, Set<UUID> leftOut) {
        if (!wanted) {
            return;
        }
        if (idleAgents) {
            Set<UUID> both = new HashSet<>(idleAgentsLeftOut);
            both.retainAll(leftOut);
            idleAgentsLeftOut = Set.copyOf(both);
        } else {
            idleAgentsLeftOut = Set.copyOf(leftOut);
        }
        idleAgents = true;
    }

    /**
     * Assignments (id → agent) the broker refused or never confirmed: their claims must be undone, their agents
     * served again.
     */
    public synchronized void unsent(Map<UUID, UUID> agentByAssignment) {
        unsent.putAll(agentByAssignment);
        agents.addAll(agentByAssignment.values());
        notifyAll();
    }

    /** Waits up to {@code patience} for demand, then takes whatever there is (maybe nothing). */
    public synchronized Pending await(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (agents.isEmpty() && !idleAgents && unsent.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return take();
    }

    public synchronized Pending take() {
        Pending pending = new Pending(List.copyOf(agents), idleAgents, idleAgentsLeftOut, Map.copyOf(unsent));
        agents.clear();
        unsent.clear();
        idleAgents = false;
        idleAgentsLeftOut = Set.of();
        return pending;
    }

    /** Puts back what a failed decision took, for the next one to serve. */
    public synchronized void restore(Pending pending) {
        agents.addAll(pending.agents());
        unsent.putAll(pending.unsent());
        addIdleAgents(pending.idleAgents(), pending.idleAgentsLeftOut());
    }
}
