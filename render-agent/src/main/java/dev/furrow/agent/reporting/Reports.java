package dev.furrow.agent.reporting;

import dev.furrow.messages.AgentReport;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Publishes the agent's reports to the replies exchange and waits for the broker's confirm. While the broker is
 * away it retries (the connection recovers by itself) until {@link #RETRY_PATIENCE} runs out.
 */
public final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);
    static final Duration RETRY_PATIENCE = Duration.ofMinutes(5);

    private final Publisher publisher;
    private final String exchange;

    public Reports(Broker broker) {
        this.publisher = new Publisher(broker);
        this.exchange = broker.topology().repliesExchange();
    }

    public void send(AgentReport report) {
        Instant deadline = Instant.now().plus(RETRY_PATIENCE);
        while (true) {
            try {
                publisher.publish(exchange, report.routingKey(), report);
                return;
            } catch (Broker.BrokerUnavailable e) {
                if (Instant.now().isAfter(deadline) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warn("could not publish {} ({}); retrying", report.getClass().getSimpleName(), e.getMessage());
                pause();
            }
        }
    }

    /** Sends once, giving up on the first failure; for the last words at shutdown. */
    public void sendOnce(AgentReport report) {
        publisher.publish(exchange, report.routingKey(), report);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Broker.BrokerUnavailable("interrupted while waiting to publish a report", e);
        }
    }

    public void close() {
        publisher.close();
    }
}
