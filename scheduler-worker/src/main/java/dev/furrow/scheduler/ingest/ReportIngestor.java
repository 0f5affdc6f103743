package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.AgentWentOffline;
import dev.furrow.messages.AssignmentRejected;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.FarmName;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.amqp.BatchSubscription.Delivery;
import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.dispatch.DispatchDemand;
import dev.furrow.scheduler.dispatch.LimitLedger;
import dev.furrow.scheduler.housekeeping.MarkAgentOffline;
import dev.furrow.scheduler.notify.Notifier;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.scheduler.tasks.ReleaseAgentTasks;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies what agents report, a batch of deliveries at a time, in arrival order. Consecutive task reports, work
 * requests and heartbeats, the bulk of the traffic, are applied together in one transaction (a burst of 1,000
 * finishing tasks costs a few commits, not 1,000); announcements, rejections and goodbyes each in their own. If
 * a shared transaction fails, its messages are applied one by one so that one bad report holds back no other.
 * What the reports mean for dispatch (an agent asked for work or finished a task, tasks came back to the queue)
 * goes to the {@link DispatchDemand}; finished jobs to the {@link Notifier}.
 */
@Singleton
public final class ReportIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(ReportIngestor.class);

    private final Transactor transactor;
    private final DispatchDemand demand;
    private final Notifier notifier;
    private final Duration missingTaskGrace;
    private final FarmName farm;
    private final RecentlyHeard recentlyHeard = new RecentlyHeard();

    public ReportIngestor(Transactor transactor, DispatchDemand demand, Notifier notifier, SchedulerConfig config) {
        this.transactor = transactor;
        this.demand = demand;
        this.notifier = notifier;
        this.missingTaskGrace = config.reconcile().missingTaskGrace();
        this.farm = new FarmName(config.farmName());
    }

    /**
     * What applying some reports asks of dispatch and notification, once committed: serve these agents, and every
     * idle agent but {@code idleAgentsLeftOut} when {@code idleAgentsToServe}.
     */
    private record Consequences(Set<UUID> agentsToServe, boolean idleAgentsToServe, Set<UUID> idleAgentsLeftOut,
                                boolean jobsFinished) {
        static final Consequences NONE = new Consequences(Set.of(), false, Set.of(), false);
    }

    /** Applies the deliveries in order; returns those whose effect could not be committed. */
    public Set<Delivery> apply(List<Delivery> deliveries) {
        Set<Delivery> failed = new HashSet<>();
        List<Delivery> together = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (reportsIn(d.message()).stream().allMatch(ReportIngestor::appliedTogether)) {
                together.add(d);
                continue;
            }
            failed.addAll(applyTogether(together));
            together.clear();
            failed.addAll(applyAlone(d));
        }
        failed.addAll(applyTogether(together));
        return failed;
    }

    /** Applies one message (each report it carries in its own transaction), as a fallback does. */
    public void handle(FarmMessage message) {
        for (AgentReport report : reportsIn(message)) {
            Instant now = Instant.now();
            Consequences consequences = transactor.inTransaction(c -> appliedTogether(report)
                    ? applyReports(c, List.of(report), now)
                    : applyOther(c, report, now));
            follow(consequences);
        }
    }

    /** The reports a message carries: itself, or those of an {@link AgentReports}. */
    private static List<AgentReport> reportsIn(FarmMessage message) {
        if (message instanceof AgentReport report) {
            return AgentReports.unpacked(report);
        }
        LOG.warn("ignoring {} on the replies queue; only agent reports belong there",
                message.getClass().getSimpleName());
        return List.of();
    }

    private static boolean appliedTogether(FarmMessage message) {
        return message instanceof TaskReported || message instanceof WorkRequested
                || message instanceof AgentHeartbeat;
    }

    private Set<Delivery> applyTogether(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Set.of();
        }
        if (deliveries.size() > 1 || reportsIn(deliveries.get(0).message()).size() > 1) {
            try {
                List<AgentReport> reports = deliveries.stream().flatMap(d -> reportsIn(d.message()).stream())
                        .toList();
                Instant now = Instant.now();
                follow(transactor.inTransaction(c -> applyReports(c, reports, now)));
                return Set.of();
            } catch (RuntimeException e) {
                LOG.warn("a batch of {} message(s) failed; applying them one by one", deliveries.size(), e);
            }
        }
        Set<Delivery> failed = new HashSet<>();
        for (Delivery d : deliveries) {
            failed.addAll(applyAlone(d));
        }
        return failed;
    }

    private Set<Delivery> applyAlone(Delivery d) {
        try {
            handle(d.message());
            return Set.of();
        } catch (RuntimeException e) {
            LOG.warn("{} from {} could not be applied", d.message().getClass().getSimpleName(), d.queue(), e);
            return Set.of(d);
        }
    }

    /**
     * Task reports first, in order, then heartbeats and work requests in order: an agent sends its task reports
     * before the heartbeat or work request that follows them, and a heartbeat must not take back a task whose
     * finishing report is in the same batch.
     */
    private Consequences applyReports(Connection c, List<AgentReport> reports, Instant now) throws SQLException {
        List<TaskReported> taskReports = new ArrayList<>();
        Set<UUID> reporting = new HashSet<>();
        for (AgentReport report : reports) {
            if (report instanceof TaskReported r) {
                taskReports.add(r);
                reporting.add(r.agentId());
            }
        }
        AgentRowWrites agentRows = new AgentRowWrites();
        ApplyTaskReports.Applied applied = ApplyTaskReports.apply(c, taskReports, agentRows, now);
        recentlyHeard.touch(c, reporting, now);
        boolean released = false;
        for (AgentReport report : reports) {
            if (report instanceof WorkRequested w) {
                agentRows.workRequested(w.agentId(), w.freeRam());
            } else if (report instanceof AgentHeartbeat h) {
                released |= heartbeat(c, h, now) > 0;
            }
        }
        AgentRowWrites.Found found = agentRows.apply(c, now);
        Set<UUID> toServe = new HashSet<>(found.asking());
        toServe.addAll(found.waiting());
        return new Consequences(toServe, released || applied.limitsFreed(), Set.of(), applied.jobsFinished());
    }

    private int heartbeat(Connection c, AgentHeartbeat h, Instant now) throws SQLException {
        boolean known = RecordHeartbeat.record(c, h.agentId(), h.state(), h.freeRam(), now);
        if (!known || h.runningTaskIds() == null) {
            return 0;
        }
        Instant sent = h.at() == null || h.at().isAfter(now) ? now : h.at();
        int released = ReleaseAgentTasks.missingFromHeartbeat(c, h.agentId(), h.runningTaskIds(),
                sent.minus(missingTaskGrace), now);
        if (released > 0) {
            LOG.warn("agent {} no longer runs {} task(s) assigned to it; back in the queue", h.agentId(), released);
        }
        return released;
    }

    private Consequences applyOther(Connection c, AgentReport report, Instant now) throws SQLException {
        if (report instanceof AgentAnnounced a && !farm.admits(a.farmName())) {
            ForeignAgents.KeptOut out = ForeignAgents.keepOut(c, a.agentId(), now);
            LOG.warn("agent {} ({}) announced farm '{}' but this master serves '{}': not admitted{}", a.agentId(),
                    a.hostname(), a.farmName(), farm.served(), out.disabled()
                            ? "; disabled, " + out.releasedTasks() + " task(s) back in the queue" : "");
            return new Consequences(Set.of(), out.releasedTasks() > 0, Set.of(), false);
        }
        if (report instanceof AgentAnnounced a) {
            UpsertAnnouncedAgent.apply(c, a, now);
        } else if (report instanceof AssignmentRejected r) {
            ReleaseRejectedAssignment.Released released = ReleaseRejectedAssignment.apply(c, r, now);
            LOG.info("agent {} rejected assignment {} ({}); {} task(s) back in the queue",
                    r.agentId(), r.assignmentId(), r.reason(), released.tasks());
            // Agents that found the limit full get the freed capacity at once; not the refusing agent, which
            // would be offered the same tasks again.
            boolean limitFreed = !LimitLedger.jobsHoldingLimits(c, released.jobIds()).isEmpty();
            return new Consequences(Set.of(), limitFreed, Set.of(r.agentId()), false);
        } else if (report instanceof AgentWentOffline o) {
            return new Consequences(Set.of(), MarkAgentOffline.apply(c, o.agentId(), now) > 0, Set.of(), false);
        } else {
            LOG.warn("ignoring a {} on the replies queue: log lines have their own queue",
                    report.getClass().getSimpleName());
        }
        return Consequences.NONE;
    }

    private void follow(Consequences consequences) {
        if (consequences.jobsFinished()) {
            notifier.notifyFinishedJobs();
        }
        demand.agents(consequences.agentsToServe());
        if (consequences.idleAgentsToServe()) {
            demand.idleAgentsExcept(consequences.idleAgentsLeftOut());
        }
    }
}
