package dev.furrow.scheduler.notify;

import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Transactor;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * E-mail notifications on job success, failure and deletion. The decision and the rendered mails are written
 * in one transaction ({@link DecideJobMails}); mails leave {@code mail_outbox} only after that commits. Each
 * mail is sent while its outbox row is locked and the row is deleted in the same transaction: the decision is
 * exactly once, the send at least once (a crash between the SMTP server's acceptance and the commit sends that
 * one mail again after a restart; nothing is ever lost). A mail the server refuses stays queued with its error
 * and is retried every housekeeping round.
 */
@Singleton
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int JOBS_PER_ROUND = 100;

    private final Transactor transactor;
    private final SchedulerConfig.Mail config;
    private final DecideJobMails decide;
    private final SmtpMailer mailer;
    // SMTP can be slow (10 s timeouts); consumers hand sending to this thread instead of waiting for it.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "furrow-mail-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean sendPending = new AtomicBoolean();

    public Notifier(Transactor transactor, SchedulerConfig config) {
        this.transactor = transactor;
        this.config = config.mail();
        this.decide = new DecideJobMails(config.mail());
        this.mailer = config.mail().enabled() ? new SmtpMailer(config.mail()) : null;
    }

    /**
     * Takes the notification decision for every finished job still owing one, then has what it queued sent in
     * the background. Cheap when nothing is owed (one probe of ix_jobs_notify).
     */
    public void notifyFinishedJobs() {
        List<Long> due = transactor.inTransaction(c -> dueJobs(c));
        int queued = 0;
        for (long jobId : due) {
            queued += transactor.inTransaction(c -> decide.finished(c, jobId, Instant.now()));
        }
        if (queued > 0) {
            sendSoon();
        }
    }

    /** Sends the outbox on the sender thread; requests made while a round is pending share that round. */
    public void sendSoon() {
        if (mailer != null && sendPending.compareAndSet(false, true)) {
            sender.execute(() -> {
                sendPending.set(false);
                try {
                    sendQueued();
                } catch (RuntimeException e) {
                    LOG.error("sending queued mails failed; the next housekeeping round retries", e);
                }
            });
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }

    /** Queues the deletion mails of a job the caller deletes in this same transaction. */
    public void jobDeleting(Connection c, long jobId) throws SQLException {
        decide.deleted(c, jobId, Instant.now());
    }

    /**
     * Sends queued mails, one outbox row per transaction, least-tried first, until none is left or the server
     * refuses one (a server that is down would refuse the rest too, each after a timeout); returns how many were
     * sent.
     */
    public int sendQueued() {
        if (mailer == null) {
            return 0;
        }
        int sent = 0;
        while (transactor.inTransaction(this::sendOne) == SendOutcome.SENT) {
            sent++;
        }
        return sent;
    }

    private enum SendOutcome { SENT, REFUSED, NOTHING_LEFT }

    private SendOutcome sendOne(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, recipient, subject, body FROM mail_outbox
                 ORDER BY attempts, id LIMIT 1 FOR UPDATE SKIP LOCKED""");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return SendOutcome.NOTHING_LEFT;
            }
            long id = rs.getLong("id");
            String recipient = rs.getString("recipient");
            try {
                mailer.send(recipient, rs.getString("subject"), rs.getString("body"));
            } catch (MessagingException e) {
                LOG.warn("could not hand the mail to {} to SMTP server {} ({}); keeping it for the next round",
                        recipient, config.smtpServer(), e.getMessage());
                update(c, "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                        String.valueOf(e.getMessage()), id);
                return SendOutcome.REFUSED;
            }
            update(c, "DELETE FROM mail_outbox WHERE id = ?", null, id);
            LOG.info("mailed {}: {}", recipient, rs.getString("subject"));
            return SendOutcome.SENT;
        }
    }

    private static void update(Connection c, String sql, String text, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (text != null) {
                s.setString(i++, text);
            }
            s.setLong(i, id);
            s.executeUpdate();
        }
    }

    private static List<Long> dueJobs(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id FROM jobs WHERE completion_notify_sent = FALSE AND state IN ('done','failed')
                 ORDER BY id LIMIT\s""" + JOBS_PER_ROUND);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
