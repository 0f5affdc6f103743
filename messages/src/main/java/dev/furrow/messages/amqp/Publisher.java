package dev.furrow.messages.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Publishes persistent messages and returns only once the broker confirmed them (publisher confirms), so a
 * caller that got no exception knows the broker has the message. Safe to share between threads.
 */
public final class Publisher implements AutoCloseable {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final Broker broker;
    private Channel channel;

    public Publisher(Broker broker) {
        this.broker = broker;
    }

    /** One message to be published: where it goes and what it is. */
    public record Outgoing(String exchange, String routingKey, FarmMessage message) {
    }

    public void publish(String exchange, String routingKey, FarmMessage message) {
        publishAll(List.of(new Outgoing(exchange, routingKey, message)));
    }

    /** Publishes all messages and waits once for the broker to confirm every one of them. */
    public synchronized void publishAll(List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            Channel ch = channel();
            for (Outgoing out : messages) {
                ch.basicPublish(out.exchange(), out.routingKey(), false, properties(), Json.encode(out.message()));
            }
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
        } catch (IOException | TimeoutException | ShutdownSignalException | InterruptedException e) {
            closeChannelQuietly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new Broker.BrokerUnavailable("the broker did not confirm " + messages.size() + " message(s): " + e, e);
        }
    }

    private static AMQP.BasicProperties properties() {
        return MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = broker.openChannel();
            channel.confirmSelect();
        }
        return channel;
    }

    private void closeChannelQuietly() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.abort();
            } catch (IOException ignored) {
                // the channel is being thrown away; a failing abort leaves nothing to clean up
            }
        }
    }

    @Override
    public synchronized void close() {
        closeChannelQuietly();
    }
}
