package dev.furrow.scheduler;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Subscription;
import dev.furrow.scheduler.housekeeping.Housekeeping;
import dev.furrow.scheduler.ingest.ParkMessage;
import dev.furrow.scheduler.ingest.BatchingReportConsumer;
import dev.furrow.scheduler.ingest.ReportIngestor;
import dev.furrow.scheduler.jobs.JobEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The running worker: declares the scheduler queues, consumes agent reports and job events, and runs the
 * periodic housekeeping. Several workers may run against the same database and broker.
 */
@Singleton
public final class SchedulerWorker implements AutoCloseable {

    public static final String READY_LINE = "Furrow scheduler-worker ready";

    private final Broker broker;
    private final SchedulerConfig config;
    private final ReportIngestor reports;
    private final JobEvents jobEvents;
    private final ParkMessage parking;
    private final Housekeeping housekeeping;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private BatchingReportConsumer replies;

    public SchedulerWorker(Broker broker, SchedulerConfig config, ReportIngestor reports, JobEvents jobEvents,
                           ParkMessage parking, Housekeeping housekeeping) {
        this.broker = broker;
        this.config = config;
        this.reports = reports;
        this.jobEvents = jobEvents;
        this.parking = parking;
        this.housekeeping = housekeeping;
    }

    public synchronized void start() {
        if (!subscriptions.isEmpty()) {
            return;
        }
        Topology topology = broker.topology();
        try (Channel channel = broker.openChannel()) {
            topology.declareSchedulerQueues(channel);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new Broker.BrokerUnavailable("cannot declare the scheduler queues: " + e.getMessage(), e);
        }
        replies = BatchingReportConsumer.start(broker, topology.schedulerRepliesQueue(), config.prefetch(),
                config.reportBatchSize(), reports, parking);
        subscriptions.add(Subscription.start(broker, topology.schedulerJobsQueue(), config.prefetch(),
                jobEvents, parking));
        housekeeping.start();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        housekeeping.close();
        if (replies != null) {
            replies.close();
            replies = null;
        }
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}
