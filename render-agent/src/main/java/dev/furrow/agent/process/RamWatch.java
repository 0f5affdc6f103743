package dev.furrow.agent.process;

import dev.furrow.agent.logs.CsvRow;
import dev.furrow.agent.sysinfo.SystemInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the resident memory of a task's process tree against the job's ram_warning and ram_max (MB): the first
 * time it goes over ram_warning a warning goes into the task log; over ram_max the tree is killed and the task
 * fails with the reason from {@link #exceeded()}.
 */
public final class RamWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RamWatch.class);

    private final TaskProcess process;
    private final Integer ramWarning;
    private final Integer ramMax;
    private final SystemInfo systemInfo;
    private final ScheduledExecutorService timer;
    private volatile boolean warned;
    private volatile String exceeded;

    private RamWatch(TaskProcess process, Integer ramWarning, Integer ramMax, SystemInfo systemInfo, Duration interval) {
        this.process = process;
        this.ramWarning = ramWarning;
        this.ramMax = ramMax;
        this.systemInfo = systemInfo;
        if (ramWarning == null && ramMax == null) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ram-watch-" + process.pid());
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching; a job without ram_warning and ram_max is not watched at all. */
    public static RamWatch start(TaskProcess process, Integer ramWarning, Integer ramMax, SystemInfo systemInfo,
                                 Duration interval) {
        return new RamWatch(process, ramWarning, ramMax, systemInfo, interval);
    }

    /** Why the task was killed for its memory use, if it was. */
    public Optional<String> exceeded() {
        return Optional.ofNullable(exceeded);
    }

    private void check() {
        long usedMb = systemInfo.treeRssMb(process.pid());
        if (ramWarning != null && usedMb > ramWarning && !warned) {
            warned = true;
            String warning = "ram_warning: the process tree uses %d MB, more than the job's ram_warning of %d MB"
                    .formatted(usedMb, ramWarning);
            process.log().append(CsvRow.STDERR, ProcessHandle.current().pid(), "[furrow-agent] " + warning);
            LOG.warn("process {}: {}", process.pid(), warning);
        }
        if (ramMax != null && usedMb > ramMax && exceeded == null) {
            exceeded = "ram_max exceeded: the process tree used %d MB, more than the job's ram_max of %d MB"
                    .formatted(usedMb, ramMax);
            process.log().append(CsvRow.STDERR, ProcessHandle.current().pid(), "[furrow-agent] " + exceeded + "; killing it");
            LOG.warn("process {}: {}; killing it", process.pid(), exceeded);
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
