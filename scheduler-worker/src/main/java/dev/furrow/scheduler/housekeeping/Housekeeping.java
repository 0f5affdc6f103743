package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.dispatch.DispatchDemand;
import dev.furrow.scheduler.notify.Notifier;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The periodic work: offline detection, stalled tasks, unconfirmed stops, deletion of marked jobs and owed
 * notifications every housekeeping interval; the safety-net dispatch sweep (work that no event announced, e.g.
 * after a lost message) every sweep interval; autodelete, task log compression, orphaned log cleanup and
 * statistics samples each on its own interval ({@link SchedulerConfig.Upkeep}).
 */
@Singleton
public final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final SchedulerConfig config;
    private final DetectOfflineAgents detectOfflineAgents;
    private final DeleteMarkedJobs deleteMarkedJobs;
    private final DispatchDemand demand;
    private final Notifier notifier;
    private final AutodeleteJobs autodeleteJobs;
    private final CompressTaskLogs compressTaskLogs;
    private final CleanOrphanedTaskLogs cleanOrphanedTaskLogs;
    private final SampleStatistics statistics;
    private final StopStalledTasks stopStalledTasks;
    private final ReleaseUnconfirmedStops releaseUnconfirmedStops;
    private ScheduledExecutorService executor;

    public Housekeeping(SchedulerConfig config, DetectOfflineAgents detectOfflineAgents,
                        DeleteMarkedJobs deleteMarkedJobs, DispatchDemand demand, Notifier notifier,
                        AutodeleteJobs autodeleteJobs, CompressTaskLogs compressTaskLogs,
                        CleanOrphanedTaskLogs cleanOrphanedTaskLogs, SampleStatistics statistics,
                        StopStalledTasks stopStalledTasks, ReleaseUnconfirmedStops releaseUnconfirmedStops) {
        this.stopStalledTasks = stopStalledTasks;
        this.releaseUnconfirmedStops = releaseUnconfirmedStops;
        this.notifier = notifier;
        this.autodeleteJobs = autodeleteJobs;
        this.compressTaskLogs = compressTaskLogs;
        this.cleanOrphanedTaskLogs = cleanOrphanedTaskLogs;
        this.statistics = statistics;
        this.config = config;
        this.detectOfflineAgents = detectOfflineAgents;
        this.deleteMarkedJobs = deleteMarkedJobs;
        this.demand = demand;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "furrow-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long housekeeping = config.housekeepingInterval().toMillis();
        long sweep = config.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> guarded("housekeeping", this::housekeepOnce),
                housekeeping, housekeeping, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> guarded("dispatch sweep", demand::idleAgents),
                sweep, sweep, TimeUnit.MILLISECONDS);
        SchedulerConfig.Upkeep upkeep = config.upkeep();
        every(upkeep.autodeleteInterval(), "autodelete", () -> autodeleteJobs.run(Instant.now()));
        every(upkeep.compressLogInterval(), "task log compression", compressTaskLogs::run);
        every(upkeep.orphanedLogCleanupInterval(), "orphaned log cleanup",
                () -> cleanOrphanedTaskLogs.run(Instant.now(), upkeep.orphanedLogCleanupInterval()));
        if (upkeep.statisticsEnabled()) {
            every(upkeep.agentCountInterval(), "agent counts",
                    () -> statistics.countAgents(Instant.now(), upkeep.agentCountInterval()));
            every(upkeep.taskCountInterval(), "task counts",
                    () -> statistics.countTasks(Instant.now(), upkeep.taskCountInterval()));
            every(upkeep.taskEventCountInterval(), "task event counts",
                    () -> statistics.countTaskEvents(Instant.now(), upkeep.taskEventCountInterval()));
        }
    }

    private void every(Duration interval, String what, Runnable work) {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> guarded(what, work), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * One round of offline detection, stalled tasks, unconfirmed stops and job deletion (after the stops, so a
     * deleted job whose stop timed out goes in the same round); released tasks are offered to idle agents.
     */
    public void housekeepOnce() {
        List<UUID> offline = detectOfflineAgents.run(Instant.now());
        int stalled = stopStalledTasks.run(Instant.now());
        int unconfirmed = releaseUnconfirmedStops.run(Instant.now());
        deleteMarkedJobs.run();
        // Catches notifications a crash left undecided or unsent, and retries mails the server refused.
        notifier.notifyFinishedJobs();
        notifier.sendQueued();
        if (!offline.isEmpty() || stalled > 0 || unconfirmed > 0) {
            demand.idleAgents();
        }
    }

    // A periodic task that throws is never run again by the executor; log it and try next round instead.
    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; retrying at the next interval", what, e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
