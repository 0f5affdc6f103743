package dev.furrow.messages.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes persistent messages with publisher confirms, without waiting for them: the caller goes on with its
 * next piece of work while the broker writes, and learns through {@code lost} about messages the broker refused
 * (nack) or never confirmed because the channel closed. For a producer whose throughput must not be bounded by
 * the broker's confirm latency (the dispatcher); {@link Publisher} is the waiting kind. Safe to share between
 * threads.
 */
public final class PipelinedPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelinedPublisher.class);
    private static final AMQP.BasicProperties PERSISTENT_JSON =
            MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();

    /** Messages published together, and what to do once if any of them is lost. */
    private static final class Batch {
        private final Runnable lost;
        private final AtomicBoolean reported = new AtomicBoolean();

        Batch(Runnable lost) {
            this.lost = lost;
        }

        void lose() {
            if (reported.compareAndSet(false, true)) {
                try {
                    lost.run();
                } catch (RuntimeException e) {
                    LOG.error("handling messages the broker did not confirm failed", e);
                }
            }
        }
    }

    /**
     * The unconfirmed messages of one life of the channel: sequence numbers start again after the client
     * recovers a channel, and whatever the old life did not confirm is lost.
     */
    private static final class Life {
        private final NavigableMap<Long, Batch> unconfirmed = new ConcurrentSkipListMap<>();

        void confirm(long tag, boolean multiple, boolean refused) {
            Map<Long, Batch> settled = multiple ? unconfirmed.headMap(tag, true)
                    : unconfirmed.subMap(tag, true, tag, true);
            if (refused) {
                LOG.warn("the broker refused {} message(s)", settled.size());
                new ArrayList<>(settled.values()).stream().distinct().forEach(Batch::lose);
            }
            settled.clear();
        }

        void end() {
            List<Batch> batches = new ArrayList<>(unconfirmed.values());
            unconfirmed.clear();
            batches.stream().distinct().forEach(Batch::lose);
        }
    }

    private final Broker broker;
    private Channel channel;
    private Life life;

    public PipelinedPublisher(Broker broker) {
        this.broker = broker;
    }

    /**
     * Publishes the messages and returns without waiting for the broker; {@code lost} runs once, on a broker
     * thread, if any of them is refused or left unconfirmed by a closing channel. Throws when the broker cannot be
     * reached at all; {@code lost} has then run too.
     */
    public synchronized void publishAll(List<Publisher.Outgoing> messages, Runnable lost) {
        if (messages.isEmpty()) {
            return;
        }
        Batch batch = new Batch(lost);
        try {
            Channel ch = channel();
            for (Publisher.Outgoing out : messages) {
                life.unconfirmed.put(ch.getNextPublishSeqNo(), batch);
                ch.basicPublish(out.exchange(), out.routingKey(), false, PERSISTENT_JSON, Json.encode(out.message()));
            }
        } catch (IOException | ShutdownSignalException e) {
            batch.lose();
            throw new Broker.BrokerUnavailable("cannot publish " + messages.size() + " message(s): " + e, e);
        }
    }

    private Channel channel() throws IOException {
        if (channel != null && !channel.isOpen()) {
            channel.abort(); // a channel the broker closed is not coming back; keep recovery from reviving it
            channel = null;
        }
        if (channel == null) {
            Channel ch = broker.openChannel();
            Life chLife = new Life();
            ch.confirmSelect();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    chLife.confirm(tag, multiple, false);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    chLife.confirm(tag, multiple, true);
                }
            });
            ch.addShutdownListener(cause -> chLife.end());
            channel = ch;
            life = chLife;
        }
        return channel;
    }

    /** How many messages published on the current channel the broker has not confirmed yet. */
    public synchronized int unconfirmed() {
        return life == null ? 0 : life.unconfirmed.size();
    }

    @Override
    public synchronized void close() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.waitForConfirms(5_000);
                ch.close();
            } catch (IOException | InterruptedException | java.util.concurrent.TimeoutException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("closing the publishing channel before every confirm arrived", e);
            }
        }
    }
}
