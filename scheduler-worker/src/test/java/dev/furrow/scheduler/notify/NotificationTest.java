package dev.furrow.scheduler.notify;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.JobChanged;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import dev.furrow.scheduler.housekeeping.Housekeeping;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationTest {

    // The worker's settings name the mail server's port, so the mail server starts first.
    @RegisterExtension
    @Order(1)
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    @Order(2)
    static final WorkerFixture farm = WorkerFixture.perTestClass(() -> Map.of(
            "furrow.mail.smtp-server", "127.0.0.1",
            "furrow.mail.smtp-port", SMTP.getSmtp().getPort(),
            "furrow.mail.from", "farm@example.com",
            "furrow.mail.base-url", "http://farm.example:8080",
            "furrow.mail.notify-owner", true)).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();
    long alice;
    long bob;
    long carol;

    @BeforeEach
    void emptyMailboxesAndUsers() throws Exception {
        db.update("DELETE FROM mail_outbox");
        db.update("DELETE FROM users");
        SMTP.purgeEmailFromAllMailboxes();
        alice = user("alice", "alice@example.com");
        bob = user("bob", "bob@example.com");
        carol = user("carol", "carol@example.com");
    }

    private long user(String name, String email) {
        db.update("INSERT INTO users (username, email) VALUES (?, ?)", name, email);
        return db.count("SELECT id FROM users WHERE username = ?", name);
    }

    /** A job owned by alice; bob wants success and failure mails, carol only deletion mails. */
    private long ownedJob(FarmDb.JobSpec spec) {
        long jobId = db.submit(spec);
        db.update("UPDATE jobs SET user_id = ? WHERE id = ?", alice, jobId);
        db.update("INSERT INTO notified_users (user_id, job_id, on_success, on_failure, on_deletion) "
                + "VALUES (?, ?, TRUE, TRUE, FALSE), (?, ?, FALSE, FALSE, TRUE)", bob, jobId, carol, jobId);
        return jobId;
    }

    private static List<String> recipients(MimeMessage[] messages) {
        return Arrays.stream(messages).map(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString();
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).sorted().toList();
    }

    private static MimeMessage[] awaitMails(int count) {
        assertThat(SMTP.waitForIncomingEmail(15_000, count)).as(count + " mail(s) arrive").isTrue();
        return SMTP.getReceivedMessages();
    }

    @Test
    void aDoneJobMailsItsOwnerAndTheUsersWhoAskedOnceEach() throws Exception {
        long jobId = ownedJob(job().title("shot 010"));
        SimulatedAgent agent = farm.onlineAgent("n-done");
        agent.requestWork();
        agent.completes(jobId, agent.awaitAssignment().tasks().get(0));

        MimeMessage[] mails = awaitMails(2);

        assertThat(recipients(mails)).containsExactly("alice@example.com", "bob@example.com");
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("Job shot 010 completed successfully");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("farm@example.com");
        assertThat(GreenMailUtil.getBody(mail)).contains("command job shot 010 (id " + jobId + ")")
                .contains("has completed successfully on 20").contains("Job: http://farm.example:8080/jobs/" + jobId);
        assertThat(db.job(jobId)).containsEntry("completion_notify_sent", true);

        farm.bean(Housekeeping.class).housekeepOnce();
        farm.bean(Notifier.class).notifyFinishedJobs();
        Await.sleep(500);
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(db.count("SELECT COUNT(*) FROM mail_outbox")).isZero();
    }

    @Test
    void aFailedJobMailsTheLogsOfItsFailedTasks() throws Exception {
        long jobId = ownedJob(job().title("broken").requeue(0));
        SimulatedAgent agent = farm.onlineAgent("n-fail");
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);
        String identifier = "2026-11-23_16-05-00_" + jobId + "_" + UUID.randomUUID().toString().replace("-", "")
                + ".csv";
        agent.logLines(jobId, List.of(task.id()), task.attempt(), identifier, 1,
                "2026-11-23T16:05:00Z,1,1,42,boom\n", true);
        Await.until("log stored", () -> db.count("SELECT COUNT(*) FROM task_logs WHERE identifier = ?", identifier),
                n -> n == 1);
        agent.fails(jobId, task);

        MimeMessage[] mails = awaitMails(2);

        assertThat(recipients(mails)).containsExactly("alice@example.com", "bob@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("Job broken failed");
        assertThat(GreenMailUtil.getBody(mails[0])).contains("has failed on")
                .contains("Log(s) for failed tasks:")
                .contains("http://farm.example:8080/api/v1/jobs/" + jobId + "/tasks/" + task.id() + "/attempts/"
                        + task.attempt() + "/logs/" + identifier + "/logfile");
    }

    @Test
    void aDeletedJobMailsTheUsersWhoAskedForDeletions() throws Exception {
        long jobId = ownedJob(job().title("obsolete").paused());
        db.update("UPDATE jobs SET to_be_deleted = TRUE WHERE id = ?", jobId);

        farm.jobChanged(jobId, JobChanged.Change.DELETED, List.of());

        MimeMessage[] mails = awaitMails(2);
        assertThat(recipients(mails)).containsExactly("alice@example.com", "carol@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("Job obsolete deleted");
        assertThat(GreenMailUtil.getBody(mails[0])).contains("command job obsolete has been deleted.");
        assertThat(db.job(jobId)).isNull();
    }

    @Test
    void aDecisionLeftByACrashIsTakenAfterRestartAndARefusedMailWaitsForTheServer() {
        long finishedUnnoticed = ownedJob(job().title("finished while down"));
        db.update("UPDATE tasks SET state = 'done' WHERE job_id = ?", finishedUnnoticed);
        db.update("UPDATE jobs SET state = 'done', time_finished = NOW() WHERE id = ?", finishedUnnoticed);
        ApplicationContext brokenMail = farm.anotherWorker(Map.of("furrow.mail.smtp-server", "127.0.0.1",
                "furrow.mail.smtp-port", 1, "furrow.mail.notify-owner", true), false);

        brokenMail.getBean(Notifier.class).notifyFinishedJobs();

        assertThat(db.job(finishedUnnoticed)).containsEntry("completion_notify_sent", true);
        Await.until("a mail refused", () -> db.count(
                "SELECT COUNT(*) FROM mail_outbox WHERE attempts > 0 AND last_error IS NOT NULL"), n -> n == 1);
        assertThat(db.count("SELECT COUNT(*) FROM mail_outbox")).isEqualTo(2);
        assertThat(SMTP.getReceivedMessages()).isEmpty();

        farm.bean(Housekeeping.class).housekeepOnce();

        assertThat(recipients(awaitMails(2))).containsExactly("alice@example.com", "bob@example.com");
        assertThat(db.count("SELECT COUNT(*) FROM mail_outbox")).isZero();
    }

    @Test
    void aRerunJobNotifiesAgainWhenItFinishesAgain() {
        long jobId = ownedJob(job().title("again"));
        SimulatedAgent agent = farm.onlineAgent("n-rerun");
        agent.requestWork();
        agent.completes(jobId, agent.awaitAssignment().tasks().get(0));
        awaitMails(2);

        db.update("UPDATE tasks SET state = 'queued', agent_id = NULL WHERE job_id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.RERUN, List.of());
        AssignTasks again = agent.awaitAssignment();
        agent.completes(jobId, again.tasks().get(0));

        assertThat(awaitMails(4)).hasSize(4);
    }
}
