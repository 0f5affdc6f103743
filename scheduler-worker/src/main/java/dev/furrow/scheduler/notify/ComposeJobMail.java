package dev.furrow.scheduler.notify;

import dev.furrow.scheduler.SchedulerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the subject and body of a job notification: the job type's template when it has one, else the
 * configured default, rendered with the variables PyFarm's templates use ({@code job.*}, {@code failed_log_urls},
 * and for deletions {@code job_title}, {@code job_id}, {@code jobtype_name}).
 */
final class ComposeJobMail {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeJobMail.class);

    /** A rendered notification for one recipient. */
    record Mail(String recipient, String subject, String body) {
    }

    private final MailTemplates templates = new MailTemplates();
    private final SchedulerConfig.Mail config;

    ComposeJobMail(SchedulerConfig.Mail config) {
        this.config = config;
    }

    Mail compose(MailEvent event, JobFacts job, String recipient) {
        SchedulerConfig.MailTemplates own = job.jobtypeTemplates();
        SchedulerConfig.MailTemplates defaults = config.templates();
        Map<String, Object> context = context(job);
        return switch (event) {
            case SUCCESS -> new Mail(recipient,
                    render(true, own.successSubject(), defaults.successSubject(), context, job),
                    render(false, own.successBody(), defaults.successBody(), context, job));
            case FAILURE -> new Mail(recipient,
                    render(true, own.failSubject(), defaults.failSubject(), context, job),
                    render(false, own.failBody(), defaults.failBody(), context, job));
            case DELETION -> new Mail(recipient,
                    render(true, own.deletedSubject(), defaults.deletedSubject(), context, job),
                    render(false, own.deletedBody(), defaults.deletedBody(), context, job));
        };
    }

    /**
     * The job type's template, else the default. A job type template that cannot be rendered must not cost the
     * users their mail: the default is used instead and the broken template is logged for the admin to fix.
     */
    private String render(boolean subject, String own, String fallback, Map<String, Object> context, JobFacts job) {
        if (own != null && !own.isBlank()) {
            try {
                return subject ? subject(own, context) : templates.render(own, context);
            } catch (IllegalArgumentException e) {
                LOG.warn("job type {} has a mail template that cannot be rendered ({}); using the default",
                        job.jobtype(), e.getMessage());
            }
        }
        return subject ? subject(fallback, context) : templates.render(fallback, context);
    }

    /** A subject is one line: whatever a template's trailing newline or line breaks add is folded away. */
    private String subject(String template, Map<String, Object> context) {
        return templates.render(template, context).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private Map<String, Object> context(JobFacts job) {
        Map<String, Object> jobtype = new LinkedHashMap<>();
        jobtype.put("name", job.jobtype());
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", job.jobtypeVersion());
        version.put("jobtype", jobtype);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", job.id());
        j.put("title", job.title());
        j.put("state", job.state());
        j.put("priority", job.priority());
        j.put("user", job.owner());
        j.put("output_link", job.outputLink());
        j.put("notes", job.notes());
        j.put("url", config.baseUrl() + "/jobs/" + job.id());
        j.put("time_submitted", job.submitted() == null ? null : new IsoTime(job.submitted()));
        j.put("time_started", job.started() == null ? null : new IsoTime(job.started()));
        j.put("time_finished", job.finished() == null ? null : new IsoTime(job.finished()));
        j.put("jobtype_version", version);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("job", j);
        context.put("failed_log_urls", failedLogUrls(job));
        context.put("job_title", job.title());
        context.put("job_id", job.id());
        context.put("jobtype_name", job.jobtype());
        return context;
    }

    /** The api-server's log endpoint for each failed attempt (docs/architecture.md). */
    private List<String> failedLogUrls(JobFacts job) {
        return job.failedLogs().stream()
                .map(l -> "%s/api/v1/jobs/%d/tasks/%d/attempts/%d/logs/%s/logfile".formatted(config.baseUrl(),
                        job.id(), l.taskId(), l.attempt(), l.identifier()))
                .toList();
    }
}
