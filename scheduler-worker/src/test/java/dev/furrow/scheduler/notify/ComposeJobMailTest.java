package dev.furrow.scheduler.notify;

import dev.furrow.scheduler.SchedulerConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeJobMailTest {

    static final SchedulerConfig.MailTemplates NONE = new SchedulerConfig.MailTemplates(null, null, null, null,
            null, null);

    /** The defaults shipped in application.yml: PyFarm's templates. */
    @SuppressWarnings("unchecked")
    static SchedulerConfig.MailTemplates shippedDefaults() {
        try (InputStream in = ComposeJobMailTest.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> mail = (Map<String, Object>) ((Map<String, Object>) root.get("furrow")).get("mail");
            Map<String, String> t = (Map<String, String>) mail.get("templates");
            return new SchedulerConfig.MailTemplates(t.get("success-subject"), t.get("success-body"),
                    t.get("failed-subject"), t.get("failed-body"), t.get("deleted-subject"), t.get("deleted-body"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeJobMail composer() {
        return new ComposeJobMail(new SchedulerConfig.Mail("smtp.example", 0, "", "", "farm@example",
                "http://farm.example:8080/", false, shippedDefaults()));
    }

    static JobFacts job(String outputLink, List<JobFacts.FailedLog> failed, SchedulerConfig.MailTemplates own) {
        return new JobFacts(7, "shot 010", "done", 0, "alice", outputLink, null,
                LocalDateTime.of(2026, 11, 23, 15, 0), LocalDateTime.of(2026, 11, 23, 15, 1),
                LocalDateTime.of(2026, 11, 23, 16, 5, 0), "blender", 1, own, failed);
    }

    @Test
    void pyfarmsSuccessTemplateRendersAsWritten() {
        ComposeJobMail.Mail mail = composer().compose(MailEvent.SUCCESS, job(null, List.of(), NONE), "bob@example");

        assertThat(mail.recipient()).isEqualTo("bob@example");
        assertThat(mail.subject()).isEqualTo("Job shot 010 completed successfully");
        assertThat(mail.body()).isEqualTo("""
                blender job shot 010 (id 7)
                has completed successfully on 2026-11-23T16:05:00.

                Job: http://farm.example:8080/jobs/7

                Sincerely,
                    The PyFarm render manager
                """);
    }

    @Test
    void theOutputLinkAppearsWhenTheJobHasOne() {
        ComposeJobMail.Mail mail = composer().compose(MailEvent.SUCCESS,
                job("http://review/shot010", List.of(), NONE), "bob@example");

        assertThat(mail.body()).contains("""
                Job: http://farm.example:8080/jobs/7
                Output: http://review/shot010

                Sincerely,""");
    }

    @Test
    void pyfarmsFailureTemplateListsTheFailedTasksLogs() {
        List<JobFacts.FailedLog> failed = List.of(new JobFacts.FailedLog(70, 2, "a.csv"),
                new JobFacts.FailedLog(71, 1, "b.csv"));
        ComposeJobMail.Mail mail = composer().compose(MailEvent.FAILURE, job(null, failed, NONE), "bob@example");

        assertThat(mail.subject()).isEqualTo("Job shot 010 failed");
        assertThat(mail.body()).isEqualTo("""
                blender job shot 010
                (id 7) has failed on
                2026-11-23T16:05:00.

                Job: http://farm.example:8080/jobs/7
                Log(s) for failed tasks:
                    http://farm.example:8080/api/v1/jobs/7/tasks/70/attempts/2/logs/a.csv/logfile
                    http://farm.example:8080/api/v1/jobs/7/tasks/71/attempts/1/logs/b.csv/logfile

                Sincerely,
                    The PyFarm render manager
                """);
    }

    @Test
    void pyfarmsDeletionTemplatesRenderIncludingThePythonFormatSubject() {
        ComposeJobMail.Mail mail = composer().compose(MailEvent.DELETION, job(null, List.of(), NONE), "bob@example");

        assertThat(mail.subject()).isEqualTo("Job shot 010 deleted");
        assertThat(mail.body()).isEqualTo("""
                blender job shot 010 has been deleted.

                Sincerely,
                    The PyFarm render manager
                """);
    }

    @Test
    void theJobTypesOwnTemplatesWinOverTheDefaults() {
        var own = new SchedulerConfig.MailTemplates("[{{ job.jobtype_version.jobtype.name }}] {{ job.title }} ok",
                "Finished {{ job.time_finished }} by {{ job.user }}.", null, null, null, null);

        ComposeJobMail.Mail mail = composer().compose(MailEvent.SUCCESS, job(null, List.of(), own), "bob@example");

        assertThat(mail.subject()).isEqualTo("[blender] shot 010 ok");
        assertThat(mail.body()).isEqualTo("Finished 2026-11-23 16:05:00 by alice.");
        assertThat(composer().compose(MailEvent.FAILURE, job(null, List.of(), own), "x").subject())
                .isEqualTo("Job shot 010 failed");
    }

    @Test
    void aBrokenJobTypeTemplateFallsBackToTheDefault() {
        var own = new SchedulerConfig.MailTemplates("{% if %}", null, null, null, null, null);

        ComposeJobMail.Mail mail = composer().compose(MailEvent.SUCCESS, job(null, List.of(), own), "bob@example");

        assertThat(mail.subject()).isEqualTo("Job shot 010 completed successfully");
    }

    @Test
    void aBrokenTemplateSaysWhatToFix() {
        assertThatThrownBy(() -> new MailTemplates().render("{% if %}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("template");
    }
}
