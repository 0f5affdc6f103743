package dev.furrow.scheduler.dispatch;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Agents waiting for a dispatch decision. Report handling, job events and housekeeping add to it from any thread;
 * the worker's intake thread takes it after each batch of messages and serves it with one {@link Dispatcher}
 * decision, so a burst of events costs one round, not one per event. Losing it (a crash) loses nothing: it is
 * derived from the database, where idle agents are found again by the periodic sweep.
 */
@Singleton
public final class DispatchDemand {

    /** What was asked for: these agents, and every idle agent when {@code idleAgents}. */
    public record Pending(List<UUID> agents, boolean idleAgents) {

        public boolean isEmpty() {
            return agents.isEmpty() && !idleAgents;
        }
    }

    private final Set<UUID> agents = new LinkedHashSet<>();
    private boolean idleAgents;
    private volatile Runnable wake = () -> {
    };

    /** {@code wake} runs whenever demand is added, so the dispatching thread does not wait for a message. */
    public void onDemand(Runnable wake) {
        this.wake = wake;
    }

    public void agents(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        synchronized (this) {
            agents.addAll(ids);
        }
        wake.run();
    }

    /** Every idle agent should be offered work: new work appeared or tasks came back to the queue. */
    public void idleAgents() {
        synchronized (this) {
            idleAgents = true;
        }
        wake.run();
    }

    public synchronized Pending take() {
        Pending pending = new Pending(List.copyOf(agents), idleAgents);
        agents.clear();
        idleAgents = false;
        return pending;
    }

    /** Puts back what a failed decision took, for the next one to serve. */
    public synchronized void restore(Pending pending) {
        agents.addAll(pending.agents());
        idleAgents |= pending.idleAgents();
    }
}
