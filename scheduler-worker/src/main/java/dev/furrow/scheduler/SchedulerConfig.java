package dev.furrow.scheduler;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the scheduler-worker can be told, read once at startup (flags > environment > YAML > defaults).
 * The database settings go to the data source directly ({@code datasources.default} in application.yml).
 */
public record SchedulerConfig(
        String amqpUrl,
        String amqpNamespace,
        Path tasklogsDir,
        Duration agentOfflineTimeout,
        Duration housekeepingInterval,
        Duration sweepInterval,
        boolean agentAllowSharing,
        boolean useTotalRamForScheduling,
        boolean queuePreferRunningJobs,
        int prefetch) {

    public SchedulerConfig {
        requirePositive("furrow.scheduler.agent-offline-timeout", agentOfflineTimeout);
        requirePositive("furrow.scheduler.housekeeping-interval", housekeepingInterval);
        requirePositive("furrow.scheduler.sweep-interval", sweepInterval);
        if (prefetch < 1) {
            throw new IllegalArgumentException("furrow.scheduler.prefetch must be at least 1, not " + prefetch);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 60s, not " + value);
        }
    }
}
