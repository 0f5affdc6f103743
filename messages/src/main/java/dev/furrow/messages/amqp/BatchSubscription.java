package dev.furrow.messages.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Consumes one or more queues with manual acknowledgements and hands whatever has arrived, in arrival order, to
 * one thread as a batch: a burst of messages costs one pass of the handler instead of one per message. After the
 * handler returns, every delivery it did not report as failed is acked; a failed one is requeued once, and parked
 * (then acked) when it fails again after redelivery. A body that is not a Furrow message is parked at once.
 */
public final class BatchSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSubscription.class);
    /** How long the thread waits for a delivery before it looks again whether it should stop. */
    private static final Duration POLL = Duration.ofSeconds(1);

    /** One message taken from a queue. */
    public record Delivery(String queue, Channel channel, long tag, boolean redelivered, byte[] body,
                           FarmMessage message) {
    }

    /** Applies a batch; returns the deliveries whose effect could not be made durable. */
    @FunctionalInterface
    public interface Handler {
        Set<Delivery> apply(List<Delivery> batch);
    }

    private final Handler handler;
    private final Subscription.Parking parking;
    private final int maxBatch;
    private final BlockingQueue<Delivery> arrivals = new LinkedBlockingQueue<>();
    private final Map<Channel, String> consumers = new IdentityHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private BatchSubscription(String name, Handler handler, Subscription.Parking parking, int maxBatch) {
        this.handler = handler;
        this.parking = parking;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::applyArrivals, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts consuming {@code queues}, each on its own channel with {@code prefetch} unacknowledged messages;
     * at most {@code maxBatch} deliveries go into one batch.
     */
    public static BatchSubscription start(Broker broker, List<String> queues, int prefetch, int maxBatch,
                                          String name, Handler handler, Subscription.Parking parking) {
        BatchSubscription subscription = new BatchSubscription(name, handler, parking, maxBatch);
        subscription.thread.start();
        for (String queue : queues) {
            subscription.consume(broker, queue, prefetch);
        }
        return subscription;
    }

    private void consume(Broker broker, String queue, int prefetch) {
        Channel channel = broker.openChannel();
        try {
            channel.basicQos(prefetch);
            String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    arrivals.add(new Delivery(queue, channel, envelope.getDeliveryTag(), envelope.isRedeliver(),
                            body, null));
                }
            });
            synchronized (consumers) {
                consumers.put(channel, tag);
            }
        } catch (IOException e) {
            close();
            throw new Broker.BrokerUnavailable("cannot consume " + queue + ": " + e.getMessage(), e);
        }
    }

    private void applyArrivals() {
        while (running) {
            try {
                List<Delivery> batch = takeBatch();
                if (batch.isEmpty()) {
                    continue;
                }
                decodeOrPark(batch);
                List<Delivery> decoded = batch.stream().filter(d -> d.message() != null).toList();
                settle(decoded, applyGuarded(decoded));
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // A closed channel (shutdown, or the broker went away): unacked deliveries return to their
                // queue and automatic recovery consumes them again.
                if (running) {
                    LOG.error("{} failed a batch; its unacknowledged messages return to the queue",
                            thread.getName(), e);
                }
            }
        }
    }

    private Set<Delivery> applyGuarded(List<Delivery> batch) {
        try {
            return handler.apply(batch);
        } catch (RuntimeException e) {
            LOG.error("{} could not apply a batch of {} message(s)", thread.getName(), batch.size(), e);
            return new HashSet<>(batch);
        }
    }

    private List<Delivery> takeBatch() throws InterruptedException {
        List<Delivery> batch = new ArrayList<>();
        Delivery first = arrivals.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            arrivals.drainTo(batch, maxBatch - 1);
        }
        return batch;
    }

    /** Decodes each body in place; a body that is not a message is parked and acked. */
    private void decodeOrPark(List<Delivery> batch) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            Delivery d = batch.get(i);
            try {
                batch.set(i, new Delivery(d.queue(), d.channel(), d.tag(), d.redelivered(), d.body(),
                        Json.decode(d.body())));
            } catch (Json.MalformedMessage e) {
                parking.park(d.queue(), d.body(), e.getMessage());
                d.channel().basicAck(d.tag(), false);
            }
        }
    }

    /** Requeues or parks what failed, then acks the rest with one multiple-ack per channel. */
    private void settle(List<Delivery> batch, Set<Delivery> failed) throws IOException {
        Map<Channel, Long> highestTag = new HashMap<>();
        for (Delivery d : batch) {
            if (!failed.contains(d)) {
                highestTag.merge(d.channel(), d.tag(), Math::max);
                continue;
            }
            String type = d.message().getClass().getSimpleName();
            if (d.redelivered()) {
                LOG.error("{} failed twice on {}; parking it", type, d.queue());
                parking.park(d.queue(), d.body(), type + " failed twice; see the scheduler-worker log");
                highestTag.merge(d.channel(), d.tag(), Math::max);
            } else {
                LOG.warn("{} failed on {}; requeueing it once", type, d.queue());
                d.channel().basicNack(d.tag(), false, true);
            }
        }
        // A nacked delivery is no longer outstanding, so a multiple-ack above its tag leaves it alone.
        for (Map.Entry<Channel, Long> entry : highestTag.entrySet()) {
            entry.getKey().basicAck(entry.getValue(), true);
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (consumers) {
            consumers.forEach((channel, tag) -> {
                try {
                    if (channel.isOpen()) {
                        channel.basicCancel(tag);
                    }
                } catch (IOException e) {
                    LOG.warn("cancelling a consumer of {} failed", thread.getName(), e);
                }
            });
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (consumers) {
            consumers.keySet().forEach(channel -> {
                try {
                    if (channel.isOpen()) {
                        channel.close();
                    }
                } catch (IOException | java.util.concurrent.TimeoutException e) {
                    LOG.warn("closing a channel of {} failed", thread.getName(), e);
                }
            });
            consumers.clear();
        }
    }
}
