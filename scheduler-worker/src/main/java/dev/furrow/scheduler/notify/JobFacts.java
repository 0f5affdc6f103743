package dev.furrow.scheduler.notify;

import dev.furrow.scheduler.SchedulerConfig;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What a notification says about a job, read in the transaction that decides to notify. The job type's own
 * templates are null where it has none. {@code failedLogs}: the logs of the attempts that failed for good.
 */
record JobFacts(long id, String title, String state, int priority, String owner, String outputLink, String notes,
                LocalDateTime submitted, LocalDateTime started, LocalDateTime finished,
                String jobtype, int jobtypeVersion, SchedulerConfig.MailTemplates jobtypeTemplates, List<FailedLog> failedLogs) {

    /** A log of one failed task attempt. */
    record FailedLog(long taskId, int attempt, String identifier) {
    }
}
