package dev.furrow.scheduler;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.BatchSubscription;
import dev.furrow.messages.amqp.BatchSubscription.Delivery;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.scheduler.dispatch.DispatchLoop;
import dev.furrow.scheduler.housekeeping.Housekeeping;
import dev.furrow.scheduler.ingest.ParkMessage;
import dev.furrow.scheduler.ingest.ReportIngestor;
import dev.furrow.scheduler.ingest.TaskLogIngestor;
import dev.furrow.scheduler.jobs.JobEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The running worker: declares the scheduler queues and runs three threads and the periodic housekeeping. The
 * report thread takes agent reports and job events in batches and applies them; what they ask of dispatch goes
 * to the {@link DispatchDemand}, which the dispatch thread ({@link DispatchLoop}) serves; the log thread stores
 * task log chunks. Several workers may run against the same database and broker.
 */
@Singleton
public final class SchedulerWorker implements AutoCloseable {

    public static final String READY_LINE = "Furrow scheduler-worker ready";

    private final Broker broker;
    private final SchedulerConfig config;
    private final ReportIngestor reports;
    private final TaskLogIngestor logs;
    private final JobEvents jobEvents;
    private final DispatchLoop dispatchLoop;
    private final ParkMessage parking;
    private final Housekeeping housekeeping;
    private BatchSubscription reporting;
    private BatchSubscription logging;

    public SchedulerWorker(Broker broker, SchedulerConfig config, ReportIngestor reports, TaskLogIngestor logs,
                           JobEvents jobEvents, DispatchLoop dispatchLoop, ParkMessage parking,
                           Housekeeping housekeeping) {
        this.broker = broker;
        this.config = config;
        this.reports = reports;
        this.logs = logs;
        this.jobEvents = jobEvents;
        this.dispatchLoop = dispatchLoop;
        this.parking = parking;
        this.housekeeping = housekeeping;
    }

    public synchronized void start() {
        if (reporting != null) {
            return;
        }
        Topology topology = broker.topology();
        try (Channel channel = broker.openChannel()) {
            topology.declareSchedulerQueues(channel);
        } catch (IOException | TimeoutException e) {
            throw new Broker.BrokerUnavailable("cannot declare the scheduler queues: " + e.getMessage(), e);
        }
        dispatchLoop.start();
        reporting = BatchSubscription.start(broker,
                List.of(topology.schedulerRepliesQueue(), topology.schedulerJobsQueue()), config.prefetch(),
                config.reportBatchSize(), "furrow-reports", this::apply, parking);
        logging = BatchSubscription.start(broker, List.of(topology.schedulerLogsQueue()), config.prefetch(),
                config.reportBatchSize(), "furrow-task-logs", logs::apply, parking);
        housekeeping.start();
    }

    /** One pass of the report thread: agent reports, then job events. */
    private Set<Delivery> apply(List<Delivery> batch) {
        String jobsQueue = broker.topology().schedulerJobsQueue();
        Set<Delivery> failed = new HashSet<>(reports.apply(
                batch.stream().filter(d -> !d.queue().equals(jobsQueue)).toList()));
        failed.addAll(jobEvents.apply(batch.stream().filter(d -> d.queue().equals(jobsQueue)).toList()));
        return failed;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        housekeeping.close();
        if (reporting != null) {
            reporting.close();
            reporting = null;
        }
        dispatchLoop.close();
        if (logging != null) {
            logging.close();
            logging = null;
        }
    }
}
