package dev.furrow.agent.sysinfo;

import java.time.Duration;
import java.time.Instant;

/**
 * When a change of free ram is worth telling the master between heartbeats (PyFarm's agent_ram_report_delta and
 * agent_ram_max_report_frequency): once it moved at least {@code deltaMb} from what the master last heard, and not
 * sooner than {@code minInterval} after the last report.
 */
public final class FreeRamReports {

    private final int deltaMb;
    private final Duration minInterval;
    private int lastReported = -1;
    private Instant lastAt = Instant.EPOCH;

    public FreeRamReports(int deltaMb, Duration minInterval) {
        this.deltaMb = deltaMb;
        this.minInterval = minInterval;
    }

    public synchronized boolean due(int freeRamMb, Instant now) {
        return lastReported >= 0 && Math.abs(freeRamMb - lastReported) >= deltaMb
                && !now.isBefore(lastAt.plus(minInterval));
    }

    /** The master heard {@code freeRamMb} at {@code now} (a heartbeat, a work request, an announcement). */
    public synchronized void reported(int freeRamMb, Instant now) {
        lastReported = freeRamMb;
        lastAt = now;
    }
}
