package dev.furrow.scheduler.jobs;

import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.messages.amqp.BatchSubscription.Delivery;
import dev.furrow.scheduler.dispatch.DispatchDemand;
import dev.furrow.scheduler.dispatch.Dispatcher;
import dev.furrow.scheduler.housekeeping.DeleteMarkedJobs;
import dev.furrow.scheduler.housekeeping.RecordTaskDeletions;
import dev.furrow.scheduler.notify.Notifier;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.scheduler.tasks.LockJobs;
import dev.furrow.scheduler.tasks.RollUpJobState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reacts to job changes published by the api-server: new or changed work asks for dispatch to idle agents;
 * pausing, deleting or cancelling stops the affected tasks on their agents (the agents report them back as
 * {@code queued}, which releases them; a stop never confirmed is released by housekeeping after the
 * stop-confirm timeout); deleted jobs are removed once nothing of theirs runs.
 */
@Singleton
public final class JobEvents {

    private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);

    private final Transactor transactor;
    private final DispatchDemand demand;
    private final Dispatcher dispatcher;
    private final Publisher publisher;
    private final Topology topology;
    private final DeleteMarkedJobs deleteMarkedJobs;
    private final Notifier notifier;
    private final RecordTaskDeletions taskDeletions;

    public JobEvents(Transactor transactor, DispatchDemand demand, Dispatcher dispatcher, Publisher publisher,
                     Broker broker, DeleteMarkedJobs deleteMarkedJobs, Notifier notifier,
                     RecordTaskDeletions taskDeletions) {
        this.taskDeletions = taskDeletions;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
        this.transactor = transactor;
        this.demand = demand;
        this.publisher = publisher;
        this.topology = broker.topology();
        this.deleteMarkedJobs = deleteMarkedJobs;
    }

    /** Applies the deliveries in order; returns those whose effect could not be made durable. */
    public Set<Delivery> apply(List<Delivery> deliveries) {
        Set<Delivery> failed = new HashSet<>();
        for (Delivery d : deliveries) {
            try {
                handle(d.message());
            } catch (RuntimeException e) {
                LOG.warn("{} could not be applied", d.message().getClass().getSimpleName(), e);
                failed.add(d);
            }
        }
        return failed;
    }

    public void handle(FarmMessage message) {
        if (!(message instanceof JobChanged change)) {
            LOG.warn("ignoring {} on the jobs queue; only JobChanged belongs there", message.getClass().getSimpleName());
            return;
        }
        dispatcher.jobsChanged();
        stop(transactor.inTransaction(c -> {
            List<Long> removed = FindTasksToStop.removed(c, change);
            // Only an update deletes tasks; another change may name tasks an update deleted after it, and the
            // update's own event counts those.
            if (change.change() == JobChanged.Change.UPDATED) {
                taskDeletions.tasksRemoved(c, change.jobId(), removed.size(), change.at(), Instant.now());
            }
            return FindTasksToStop.everyAgent(c, removed);
        }), "tasks removed from job " + change.jobId());
        switch (change.change()) {
            case SUBMITTED, UPDATED, UNPAUSED, RERUN -> {
                // A rerun may leave a finished job with queued tasks again; roll it up so dispatch sees it.
                transactor.inTransaction(c -> {
                    LockJobs.lock(c, List.of(change.jobId()));
                    RollUpJobState.apply(c, change.jobId(), Instant.now());
                    return null;
                });
                // An update that removed the last unfinished tasks finishes the job.
                notifier.notifyFinishedJobs();
                demand.idleAgents();
            }
            case PAUSED, DELETED, TASKS_CANCELLED -> {
                stop(transactor.inTransaction(c -> {
                    LockJobs.lock(c, List.of(change.jobId()));
                    Map<UUID, List<Long>> byAgent = FindTasksToStop.find(c, change);
                    MarkStopsRequested.mark(c, byAgent.values(), Instant.now());
                    return byAgent;
                }), reason(change));
                if (change.change() == JobChanged.Change.DELETED) {
                    deleteMarkedJobs.run();
                }
            }
        }
    }

    private static String reason(JobChanged change) {
        return change.change() == JobChanged.Change.TASKS_CANCELLED
                ? "tasks of job " + change.jobId() + " cancelled"
                : "job " + change.jobId() + " " + change.change().name().toLowerCase(Locale.ROOT);
    }

    private void stop(Map<UUID, List<Long>> byAgent, String reason) {
        List<Publisher.Outgoing> stops = new ArrayList<>();
        byAgent.forEach((agentId, taskIds) -> stops.add(new Publisher.Outgoing(topology.agentsExchange(),
                agentId.toString(), new StopTasks(taskIds, StopTasks.Signal.TERM, reason, Instant.now()))));
        publisher.publishAll(stops);
    }
}
