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
        String farmName,
        Duration agentOfflineTimeout,
        Duration housekeepingInterval,
        Duration sweepInterval,
        Duration farmViewMaxAge,
        boolean agentAllowSharing,
        boolean useTotalRamForScheduling,
        boolean queuePreferRunningJobs,
        int prefetch,
        int reportBatchSize,
        Mail mail,
        Upkeep upkeep,
        Reconcile reconcile) {

    public SchedulerConfig {
        requirePositive("furrow.scheduler.agent-offline-timeout", agentOfflineTimeout);
        requirePositive("furrow.scheduler.housekeeping-interval", housekeepingInterval);
        requirePositive("furrow.scheduler.sweep-interval", sweepInterval);
        requirePositive("furrow.scheduler.farm-view-max-age", farmViewMaxAge);
        if (prefetch < 1) {
            throw new IllegalArgumentException("furrow.scheduler.prefetch must be at least 1, not " + prefetch);
        }
        if (reportBatchSize < 1) {
            throw new IllegalArgumentException("furrow.scheduler.report-batch-size must be at least 1, not "
                    + reportBatchSize);
        }
    }

    /**
     * The slower periodic work and its intervals (PyFarm's scheduler.yml): marking finished jobs for deletion
     * after their autodelete_time, compressing finished task logs, removing orphaned logs, and sampling the
     * statistics tables.
     */
    public record Upkeep(Duration autodeleteInterval, Duration compressLogInterval,
                         Duration orphanedLogCleanupInterval, boolean statisticsEnabled, Duration agentCountInterval,
                         Duration taskCountInterval, Duration taskEventCountInterval) {

        public Upkeep {
            requirePositive("furrow.scheduler.autodelete-interval", autodeleteInterval);
            requirePositive("furrow.scheduler.compress-log-interval", compressLogInterval);
            requirePositive("furrow.scheduler.orphaned-log-cleanup-interval", orphanedLogCleanupInterval);
            requirePositive("furrow.scheduler.agent-count-interval", agentCountInterval);
            requirePositive("furrow.scheduler.task-count-interval", taskCountInterval);
            requirePositive("furrow.scheduler.task-event-count-interval", taskEventCountInterval);
        }
    }

    /**
     * Catching tasks the master and the agent disagree about: a running task with no report for
     * {@code stalledTaskTimeout} on an agent that is alive is stopped and counted as a failure; a task an agent's
     * heartbeat does not list is released once its last sign of life is older than {@code missingTaskGrace}; a task
     * the agent was told to stop and did not confirm within {@code stopConfirmTimeout} is released.
     */
    public record Reconcile(Duration stalledTaskTimeout, Duration missingTaskGrace, Duration stopConfirmTimeout) {

        public Reconcile {
            requirePositive("furrow.scheduler.stalled-task-timeout", stalledTaskTimeout);
            requirePositive("furrow.scheduler.missing-task-grace", missingTaskGrace);
            requirePositive("furrow.scheduler.stop-confirm-timeout", stopConfirmTimeout);
        }
    }

    /**
     * E-mail notifications (PyFarm's smtp_server, smtp_port, smtp_login, from_email and templates). An empty
     * server disables mail; port 0 means the SMTP default (25). {@code baseUrl} prefixes job and log links.
     */
    public record Mail(String smtpServer, int smtpPort, String smtpUser, String smtpPassword, String from,
                       String baseUrl, boolean notifyOwner, MailTemplates templates) {

        public Mail {
            if (smtpPort < 0 || smtpPort > 65535) {
                throw new IllegalArgumentException("furrow.mail.smtp-port must be 0 (default) or a port number, not "
                        + smtpPort);
            }
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }

        public boolean enabled() {
            return smtpServer != null && !smtpServer.isBlank();
        }
    }

    /** Subject and body templates (Jinja syntax) per event; a job type's own templates override these. */
    public record MailTemplates(String successSubject, String successBody, String failSubject, String failBody,
                                String deletedSubject, String deletedBody) {
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 60s, not " + value);
        }
    }
}
