package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentWentOffline;
import dev.furrow.messages.AssignmentRejected;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.amqp.Subscription;
import dev.furrow.scheduler.dispatch.Dispatcher;
import dev.furrow.scheduler.dispatch.LockLimits;
import dev.furrow.scheduler.housekeeping.MarkAgentOffline;
import dev.furrow.scheduler.notify.Notifier;
import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.scheduler.tasks.ReleaseAgentTasks;
import dev.furrow.store.logs.TaskLogFiles;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies each agent report from the scheduler's replies queue in its own transaction; the subscription acks
 * the message after this returns. A work request, once recorded, triggers a dispatch decision for its agent.
 */
@Singleton
public final class ReportIngestor implements Subscription.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportIngestor.class);

    private final Transactor transactor;
    private final TaskLogFiles logFiles;
    private final Dispatcher dispatcher;
    private final Notifier notifier;
    private final Duration missingTaskGrace;

    public ReportIngestor(Transactor transactor, TaskLogFiles logFiles, Dispatcher dispatcher, Notifier notifier,
                          SchedulerConfig config) {
        this.missingTaskGrace = config.reconcile().missingTaskGrace();
        this.transactor = transactor;
        this.logFiles = logFiles;
        this.dispatcher = dispatcher;
        this.notifier = notifier;
    }

    @Override
    public void handle(FarmMessage message) {
        if (!(message instanceof AgentReport report)) {
            LOG.warn("ignoring {} on the replies queue; only agent reports belong there",
                    message.getClass().getSimpleName());
            return;
        }
        Instant now = Instant.now();
        if (report instanceof AgentAnnounced a) {
            transactor.inTransaction(c -> {
                UpsertAnnouncedAgent.apply(c, a, now);
                return null;
            });
        } else if (report instanceof AgentHeartbeat h) {
            int released = transactor.inTransaction(c -> {
                boolean known = RecordHeartbeat.record(c, h.agentId(), h.state(), h.freeRam(), now);
                if (!known || h.runningTaskIds() == null) {
                    return 0;
                }
                Instant sent = h.at() == null || h.at().isAfter(now) ? now : h.at();
                return ReleaseAgentTasks.missingFromHeartbeat(c, h.agentId(), h.runningTaskIds(),
                        sent.minus(missingTaskGrace), now);
            });
            if (released > 0) {
                LOG.warn("agent {} no longer runs {} task(s) assigned to it; back in the queue", h.agentId(),
                        released);
                dispatcher.dispatchToIdleAgents();
            }
        } else if (report instanceof WorkRequested w) {
            boolean known = transactor.inTransaction(
                    c -> RecordHeartbeat.record(c, w.agentId(), null, w.freeRam(), now));
            if (known) {
                dispatcher.dispatchTo(w.agentId());
            } else {
                LOG.warn("agent {} requested work before announcing itself; ignoring", w.agentId());
            }
        } else if (report instanceof TaskReported r) {
            applyTaskReports(List.of(r));
        } else if (report instanceof TaskLogLines l) {
            transactor.inTransaction(c -> AppendTaskLog.apply(c, logFiles, l, now));
        } else if (report instanceof AssignmentRejected r) {
            int released = transactor.inTransaction(c -> ReleaseRejectedAssignment.apply(c, r, now));
            LOG.info("agent {} rejected assignment {} ({}); {} task(s) back in the queue",
                    r.agentId(), r.assignmentId(), r.reason(), released);
        } else if (report instanceof AgentWentOffline o) {
            int released = transactor.inTransaction(c -> MarkAgentOffline.apply(c, o.agentId(), now));
            if (released > 0) {
                dispatcher.dispatchToIdleAgents();
            }
        }
    }

    /**
     * Applies task reports, in order, in one transaction (a burst arriving together costs one commit); then, once
     * committed, decides notifications if any report finished a task, and offers work to idle agents if any
     * ended an assignment that held a limit. The agent rows are locked first, in id order, to keep the lock
     * order agent → job → task across the batch; jobs of different reports may still be locked out of order,
     * and a deadlock retries the whole batch (`Transactor`).
     */
    public void applyTaskReports(List<TaskReported> reports) {
        Instant now = Instant.now();
        boolean freedLimit = transactor.inTransaction(c -> {
            for (UUID agentId : new TreeSet<>(reports.stream().map(TaskReported::agentId).toList())) {
                TouchAgent.touch(c, agentId, now);
            }
            boolean freed = false;
            for (TaskReported r : reports) {
                freed |= ApplyTaskReport.apply(c, r, now).endsAssignment() && LockLimits.heldBy(c, r.taskId());
            }
            return freed;
        });
        if (reports.stream().anyMatch(r -> r.state() != null && r.state().isFinished())) {
            // Only a done or failed report can finish a job; its notification is decided after this commit.
            notifier.notifyFinishedJobs();
        }
        if (freedLimit) {
            // Agents that found the limit full asked for work and got none; offer them the freed capacity.
            dispatcher.dispatchToIdleAgents();
        }
    }
}
