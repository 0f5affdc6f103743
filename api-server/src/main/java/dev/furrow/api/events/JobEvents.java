package dev.furrow.api.events;

import dev.furrow.api.ApiConfig;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tells the scheduler-workers about job changes by publishing {@link JobChanged} on the jobs exchange. Created at
 * startup, so the server waits for (or fails without) its broker instead of on the first submission.
 */
@Context
public final class JobEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);

    private final Broker broker;
    private final Publisher publisher;

    public JobEvents(ApiConfig config) {
        this.broker = Broker.connect(config.amqpUrl(), new Topology(config.amqpNamespace()),
                "furrow-api-server", Duration.ofSeconds(60));
        this.publisher = new Publisher(broker);
    }

    /**
     * Publishes one event; call it only after the change committed. The change is already durable, so a broker
     * failure is logged rather than reported to the user: the scheduler still finds queued work when agents
     * ask for some, and the client would otherwise retry a submission that succeeded.
     */
    public void published(long jobId, JobChanged.Change change, List<Long> taskIds) {
        JobChanged event = new JobChanged(jobId, change, taskIds, Instant.now());
        try {
            publisher.publish(broker.topology().jobsExchange(), event.routingKey(), event);
        } catch (Broker.BrokerUnavailable e) {
            LOG.error("job {} was {} but the event could not be published: {}", jobId, change, e.getMessage());
        }
    }

    @PreDestroy
    @Override
    public void close() {
        publisher.close();
        broker.close();
    }
}
