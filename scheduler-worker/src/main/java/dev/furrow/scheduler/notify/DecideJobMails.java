package dev.furrow.scheduler.notify;

import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, inside the caller's transaction, which mails a job event causes and puts them in {@code mail_outbox}.
 * For a finished job the decision is taken once: {@code completion_notify_sent} flips from false to true in the
 * same statement that claims the decision, so two workers (or a restart) never decide twice.
 */
final class DecideJobMails {

    private final SchedulerConfig.Mail config;
    private final ComposeJobMail composer;

    DecideJobMails(SchedulerConfig.Mail config) {
        this.config = config;
        this.composer = new ComposeJobMail(config);
    }

    /** Claims the completion notification of a done/failed job; returns how many mails were queued. */
    int finished(Connection c, long jobId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE jobs SET completion_notify_sent = TRUE
                 WHERE id = ? AND completion_notify_sent = FALSE AND state IN ('done','failed')""")) {
            s.setLong(1, jobId);
            if (s.executeUpdate() == 0) {
                return 0;
            }
        }
        if (!config.enabled()) {
            return 0;
        }
        Optional<JobFacts> facts = facts(c, jobId);
        if (facts.isEmpty()) {
            return 0;
        }
        MailEvent event = "failed".equals(facts.get().state()) ? MailEvent.FAILURE : MailEvent.SUCCESS;
        return queue(c, event, facts.get(), now);
    }

    /** Queues the deletion mails of a job about to be deleted in this transaction. */
    int deleted(Connection c, long jobId, Instant now) throws SQLException {
        if (!config.enabled()) {
            return 0;
        }
        Optional<JobFacts> facts = facts(c, jobId);
        return facts.isEmpty() ? 0 : queue(c, MailEvent.DELETION, facts.get(), now);
    }

    private int queue(Connection c, MailEvent event, JobFacts job, Instant now) throws SQLException {
        Set<String> recipients = recipients(c, job.id(), event);
        if (recipients.isEmpty()) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO mail_outbox (job_id, event, recipient, subject, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (String recipient : recipients) {
                ComposeJobMail.Mail mail = composer.compose(event, job, recipient);
                s.setLong(1, job.id());
                s.setString(2, event.wireName());
                s.setString(3, mail.recipient());
                s.setString(4, mail.subject());
                s.setString(5, mail.body());
                Sql.setInstant(s, 6, now);
                s.addBatch();
            }
            s.executeBatch();
        }
        return recipients.size();
    }

    /** Notified users who asked for this event, plus the owner when configured; each address once. */
    private Set<String> recipients(Connection c, long jobId, MailEvent event) throws SQLException {
        Set<String> addresses = new LinkedHashSet<>();
        String owner = config.notifyOwner() ? """
                UNION ALL
                SELECT u.email FROM jobs j JOIN users u ON u.id = j.user_id WHERE j.id = ?""" : "";
        String sql = """
                SELECT u.email FROM notified_users n JOIN users u ON u.id = n.user_id
                 WHERE n.job_id = ? AND n.%s = TRUE
                """.formatted(event.notifiedUsersColumn()) + owner;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, jobId);
            if (config.notifyOwner()) {
                s.setLong(2, jobId);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String email = rs.getString(1);
                    if (email != null && !email.isBlank()) {
                        addresses.add(email.strip());
                    }
                }
            }
        }
        return addresses;
    }

    private static Optional<JobFacts> facts(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.title, j.state, j.priority, j.output_link, j.notes, j.time_submitted, j.time_started,
                       j.time_finished, u.username, jt.name, v.version, jt.success_subject, jt.success_body,
                       jt.fail_subject, jt.fail_body
                  FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                  JOIN jobtypes jt ON jt.id = v.jobtype_id
                  LEFT JOIN users u ON u.id = j.user_id
                 WHERE j.id = ?""")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var own = new SchedulerConfig.MailTemplates(rs.getString("success_subject"),
                        rs.getString("success_body"), rs.getString("fail_subject"), rs.getString("fail_body"),
                        null, null);
                return Optional.of(new JobFacts(jobId, rs.getString("title"), rs.getString("state"),
                        rs.getInt("priority"), rs.getString("username"), rs.getString("output_link"),
                        rs.getString("notes"), time(rs, "time_submitted"), time(rs, "time_started"),
                        time(rs, "time_finished"), rs.getString("name"), rs.getInt("version"), own,
                        failedLogs(c, jobId)));
            }
        }
    }

    /** The logs of the last attempt of each task that failed for good. */
    private static List<JobFacts.FailedLog> failedLogs(Connection c, long jobId) throws SQLException {
        List<JobFacts.FailedLog> logs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.id, a.attempt, l.identifier FROM tasks t
                  JOIN task_log_associations a ON a.task_id = t.id AND a.attempt = t.attempts
                  JOIN task_logs l ON l.id = a.task_log_id
                 WHERE t.job_id = ? AND t.state = 'failed'
                 ORDER BY t.frame, t.tile, l.id""")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    logs.add(new JobFacts.FailedLog(rs.getLong(1), rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return logs;
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }
}
