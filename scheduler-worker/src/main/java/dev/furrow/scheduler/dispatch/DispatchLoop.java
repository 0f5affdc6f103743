package dev.furrow.scheduler.dispatch;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The worker's dispatch thread: it waits for {@link DispatchDemand}, serves everything that has piled up with one
 * {@link Dispatcher} decision, and waits again. Report ingestion runs on its own thread meanwhile, so applying one
 * batch of reports and deciding for the agents of the previous one overlap. A decision that fails puts its demand
 * back and is retried after a pause.
 */
@Singleton
public final class DispatchLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final DispatchDemand demand;
    private final Dispatcher dispatcher;
    private Thread thread;

    public DispatchLoop(DispatchDemand demand, Dispatcher dispatcher) {
        this.demand = demand;
        this.dispatcher = dispatcher;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::decideForever, "furrow-dispatch");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void decideForever() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                DispatchDemand.Pending pending = demand.await(IDLE_WAIT);
                if (pending.isEmpty()) {
                    continue;
                }
                try {
                    dispatcher.dispatch(pending);
                } catch (RuntimeException e) {
                    LOG.error("dispatch failed; retrying in {} s", RETRY_PAUSE.toSeconds(), e);
                    demand.restore(pending);
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
