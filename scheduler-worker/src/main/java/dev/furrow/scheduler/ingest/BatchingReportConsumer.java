package dev.furrow.scheduler.ingest;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;

/**
 * Consumes the scheduler's replies queue like {@link Subscription} (manual ack, prefetch, requeue once then park),
 * but applies a burst of waiting task reports in one transaction: deliveries are handed to one applier thread,
 * which takes whatever has arrived (up to the prefetch), splits it into runs ({@link ReportRuns}) and applies each
 * run of task reports with {@link ReportIngestor#applyTaskReports}; the run is acked (multiple = true, on its
 * highest delivery tag) only after that transaction commits. If the run's transaction fails, its reports are
 * applied one by one with the usual policy, so one bad report does not hold back the others. Every other message
 * is applied on its own as before. A separate class from the lead's {@code Subscription} (messages/), which acks
 * each message after its handler returns.
 */
public final class BatchingReportConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingReportConsumer.class);

    private record Delivery(long tag, boolean redeliver, byte[] body, FarmMessage message) {
    }

    private final Channel channel;
    private final String queue;
    private final int batchSize;
    private final ReportIngestor ingestor;
    private final Subscription.Parking parking;
    private final BlockingQueue<Delivery> arrived = new LinkedBlockingQueue<>();
    private final Thread applier;
    private String consumerTag;

    private BatchingReportConsumer(Channel channel, String queue, int batchSize, ReportIngestor ingestor,
                                   Subscription.Parking parking) {
        this.channel = channel;
        this.queue = queue;
        this.batchSize = batchSize;
        this.ingestor = ingestor;
        this.parking = parking;
        this.applier = new Thread(this::applyArrivals, "furrow-reports-" + queue);
        this.applier.setDaemon(true);
    }

    public static BatchingReportConsumer start(Broker broker, String queue, int prefetch, int batchSize,
                                               ReportIngestor ingestor, Subscription.Parking parking) {
        Channel channel = broker.openChannel();
        BatchingReportConsumer consumer = new BatchingReportConsumer(channel, queue, batchSize, ingestor, parking);
        consumer.applier.start();
        try {
            channel.basicQos(prefetch);
            consumer.consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    consumer.arrived.add(new Delivery(envelope.getDeliveryTag(), envelope.isRedeliver(), body,
                            null));
                }
            });
            return consumer;
        } catch (IOException e) {
            consumer.applier.interrupt();
            throw new Broker.BrokerUnavailable("cannot consume " + queue + ": " + e.getMessage(), e);
        }
    }

    private void applyArrivals() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Delivery> taken = new ArrayList<>();
                taken.add(arrived.take());
                arrived.drainTo(taken);
                List<Delivery> decoded = new ArrayList<>();
                for (Delivery d : taken) {
                    try {
                        decoded.add(new Delivery(d.tag(), d.redeliver(), d.body(), Json.decode(d.body())));
                    } catch (Json.MalformedMessage e) {
                        parking.park(queue, d.body(), e.getMessage());
                        channel.basicAck(d.tag(), false);
                    }
                }
                for (List<Delivery> run : ReportRuns.split(decoded, d -> ReportRuns.isTaskReport(d.message()),
                        batchSize)) {
                    if (run.size() == 1) {
                        applyOne(run.get(0));
                    } else {
                        applyRun(run);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The channel is gone (closing, or the broker dropped it): unacked deliveries return to the queue.
            if (channel.isOpen()) {
                LOG.error("report consumer of {} stopped; unacknowledged reports go back to the queue", queue, e);
            }
        }
    }

    private void applyRun(List<Delivery> run) throws IOException {
        try {
            ingestor.applyTaskReports(run.stream().map(d -> (TaskReported) d.message()).toList());
        } catch (RuntimeException e) {
            LOG.warn("a batch of {} task reports failed on {}; applying them one by one", run.size(), queue, e);
            for (Delivery d : run) {
                applyOne(d);
            }
            return;
        }
        channel.basicAck(run.get(run.size() - 1).tag(), true);
    }

    private void applyOne(Delivery d) throws IOException {
        try {
            ingestor.handle(d.message());
            channel.basicAck(d.tag(), false);
        } catch (RuntimeException e) {
            if (d.redeliver()) {
                LOG.error("{} failed twice on {}; parking it", d.message().getClass().getSimpleName(), queue, e);
                parking.park(queue, d.body(), e.toString());
                channel.basicAck(d.tag(), false);
            } else {
                LOG.warn("{} failed on {}; requeueing it once", d.message().getClass().getSimpleName(), queue, e);
                channel.basicNack(d.tag(), false, true);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.basicCancel(consumerTag);
            }
            applier.interrupt();
            applier.join(10_000);
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException e) {
            LOG.warn("closing the report consumer of {} failed", queue, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
