package dev.furrow.scheduler;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.BatchSubscription;
import dev.furrow.messages.amqp.BatchSubscription.Delivery;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.scheduler.dispatch.DispatchDemand;
import dev.furrow.scheduler.dispatch.Dispatcher;
import dev.furrow.scheduler.housekeeping.Housekeeping;
import dev.furrow.scheduler.ingest.ParkMessage;
import dev.furrow.scheduler.ingest.ReportIngestor;
import dev.furrow.scheduler.ingest.TaskLogIngestor;
import dev.furrow.scheduler.jobs.JobEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The running worker: declares the scheduler queues, and runs two intake threads and the periodic housekeeping.
 * The dispatch thread takes agent reports and job events in batches, applies them, then serves the dispatch
 * demand they created with one decision per batch; the log thread stores task log chunks. Several workers may
 * run against the same database and broker.
 */
@Singleton
public final class SchedulerWorker implements AutoCloseable {

    public static final String READY_LINE = "Furrow scheduler-worker ready";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerWorker.class);
    /** Without messages, how often the dispatch thread still looks at the demand (e.g. one a failure put back). */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    private final Broker broker;
    private final SchedulerConfig config;
    private final ReportIngestor reports;
    private final TaskLogIngestor logs;
    private final JobEvents jobEvents;
    private final DispatchDemand demand;
    private final Dispatcher dispatcher;
    private final ParkMessage parking;
    private final Housekeeping housekeeping;
    private BatchSubscription dispatching;
    private BatchSubscription logging;

    public SchedulerWorker(Broker broker, SchedulerConfig config, ReportIngestor reports, TaskLogIngestor logs,
                           JobEvents jobEvents, DispatchDemand demand, Dispatcher dispatcher, ParkMessage parking,
                           Housekeeping housekeeping) {
        this.broker = broker;
        this.config = config;
        this.reports = reports;
        this.logs = logs;
        this.jobEvents = jobEvents;
        this.demand = demand;
        this.dispatcher = dispatcher;
        this.parking = parking;
        this.housekeeping = housekeeping;
    }

    public synchronized void start() {
        if (dispatching != null) {
            return;
        }
        Topology topology = broker.topology();
        try (Channel channel = broker.openChannel()) {
            topology.declareSchedulerQueues(channel);
        } catch (IOException | TimeoutException e) {
            throw new Broker.BrokerUnavailable("cannot declare the scheduler queues: " + e.getMessage(), e);
        }
        dispatching = BatchSubscription.start(broker,
                List.of(topology.schedulerRepliesQueue(), topology.schedulerJobsQueue()), config.prefetch(),
                config.reportBatchSize(), IDLE_CHECK, "furrow-dispatch", this::applyAndDispatch, parking);
        demand.onDemand(dispatching::wake);
        logging = BatchSubscription.start(broker, List.of(topology.schedulerLogsQueue()), config.prefetch(),
                config.reportBatchSize(), IDLE_CHECK, "furrow-task-logs", logs::apply, parking);
        housekeeping.start();
    }

    /** One pass of the dispatch thread: reports, then job events, then one dispatch decision for what they ask. */
    private Set<Delivery> applyAndDispatch(List<Delivery> batch) {
        String jobsQueue = broker.topology().schedulerJobsQueue();
        long t0 = System.nanoTime();
        Set<Delivery> failed = new HashSet<>(reports.apply(
                batch.stream().filter(d -> !d.queue().equals(jobsQueue)).toList()));
        Prof.add("reports", System.nanoTime() - t0, batch.size());
        failed.addAll(jobEvents.apply(batch.stream().filter(d -> d.queue().equals(jobsQueue)).toList()));
        DispatchDemand.Pending pending = demand.take();
        if (!pending.isEmpty()) {
            try {
                long t1 = System.nanoTime();
                var o = dispatcher.dispatch(pending);
                Prof.add("dispatch", System.nanoTime() - t1, o.assignments());
            } catch (RuntimeException e) {
                LOG.error("dispatch failed; retrying in {} s", IDLE_CHECK.toSeconds(), e);
                demand.restore(pending);
            }
        }
        return failed;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        housekeeping.close();
        demand.onDemand(() -> {
        });
        if (dispatching != null) {
            dispatching.close();
            dispatching = null;
        }
        if (logging != null) {
            logging.close();
            logging = null;
        }
    }
}
