package dev.furrow.messages.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Consumes one queue with manual acknowledgements: a message is acked only after its handler returned, i.e.
 * after the handler's effect is committed. A handler failure requeues the message once; a second failure, or a
 * body that cannot be decoded, hands it to the {@link Parking} and acks it so it cannot block the queue.
 */
public final class Subscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    /** Applies one message. Returning normally means its effect is durable. */
    @FunctionalInterface
    public interface Handler {
        void handle(FarmMessage message) throws Exception;
    }

    /** Keeps a message that could not be applied where an admin can see it. */
    @FunctionalInterface
    public interface Parking {
        void park(String queue, byte[] body, String reason);
    }

    /** Parking that only logs; for components without a database. */
    public static final Parking LOG_ONLY = (queue, body, reason) ->
            LOG.error("dropping a message from {} that cannot be applied: {}", queue, reason);

    private final Channel channel;
    private final String consumerTag;

    private Subscription(Channel channel, String consumerTag) {
        this.channel = channel;
        this.consumerTag = consumerTag;
    }

    public static Subscription start(Broker broker, String queue, int prefetch, Handler handler, Parking parking) {
        Channel channel = broker.openChannel();
        try {
            channel.basicQos(prefetch);
            String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) throws IOException {
                    deliver(channel, queue, envelope, body, handler, parking);
                }
            });
            return new Subscription(channel, tag);
        } catch (IOException e) {
            throw new Broker.BrokerUnavailable("cannot consume " + queue + ": " + e.getMessage(), e);
        }
    }

    private static void deliver(Channel channel, String queue, Envelope envelope, byte[] body,
                                Handler handler, Parking parking) throws IOException {
        long tag = envelope.getDeliveryTag();
        FarmMessage message;
        try {
            message = Json.decode(body);
        } catch (Json.MalformedMessage e) {
            parking.park(queue, body, e.getMessage());
            channel.basicAck(tag, false);
            return;
        }
        try {
            handler.handle(message);
            channel.basicAck(tag, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.basicNack(tag, false, true);
        } catch (Exception e) {
            if (envelope.isRedeliver()) {
                LOG.error("{} failed twice on {}; parking it", message.getClass().getSimpleName(), queue, e);
                parking.park(queue, body, e.toString());
                channel.basicAck(tag, false);
            } else {
                LOG.warn("{} failed on {}; requeueing it once", message.getClass().getSimpleName(), queue, e);
                channel.basicNack(tag, false, true);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.basicCancel(consumerTag);
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            LOG.warn("closing the subscription failed", e);
        }
    }
}
