package dev.furrow.api;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.Json;
import dev.furrow.messages.Topology;

import java.time.Duration;
import java.time.Instant;

/** A private queue bound to the test namespace's jobs exchange: what a scheduler-worker would receive. */
final class JobEventQueue implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;

    JobEventQueue(String amqpUrl, String namespace) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUrl);
        connection = factory.newConnection("furrow-api-test");
        channel = connection.createChannel();
        Topology topology = new Topology(namespace);
        topology.declareExchanges(channel);
        queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, topology.jobsExchange(), "#");
    }

    /** The next event for {@code jobId}, skipping events of other jobs. */
    JobChanged next(long jobId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                Thread.sleep(20);
                continue;
            }
            JobChanged event = (JobChanged) Json.decode(response.getBody());
            if (event.jobId() == jobId) {
                return event;
            }
        }
        throw new AssertionError("no JobChanged for job " + jobId + " within 10 s");
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
