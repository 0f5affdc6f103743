package dev.furrow.scheduler;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;

/** Builds the one typed {@link SchedulerConfig} from Micronaut's property sources. */
@Factory
final class SchedulerConfigFactory {

    @Singleton
    SchedulerConfig schedulerConfig(Environment env) {
        return new SchedulerConfig(
                required(env, "furrow.amqp.url"),
                required(env, "furrow.amqp.namespace"),
                Path.of(required(env, "furrow.tasklogs-dir")),
                optional(env, "furrow.farm-name"),
                duration(env, "furrow.scheduler.agent-offline-timeout"),
                duration(env, "furrow.scheduler.housekeeping-interval"),
                duration(env, "furrow.scheduler.sweep-interval"),
                duration(env, "furrow.scheduler.farm-view-max-age"),
                flag(env, "furrow.scheduler.agent-allow-sharing"),
                flag(env, "furrow.scheduler.use-total-ram-for-scheduling"),
                flag(env, "furrow.scheduler.queue-prefer-running-jobs"),
                env.getProperty("furrow.scheduler.prefetch", Integer.class).orElse(1000),
                env.getProperty("furrow.scheduler.report-batch-size", Integer.class).orElse(250),
                new SchedulerConfig.Mail(
                        optional(env, "furrow.mail.smtp-server"),
                        env.getProperty("furrow.mail.smtp-port", Integer.class).orElse(0),
                        optional(env, "furrow.mail.smtp-user"),
                        optional(env, "furrow.mail.smtp-password"),
                        required(env, "furrow.mail.from"),
                        required(env, "furrow.mail.base-url"),
                        flag(env, "furrow.mail.notify-owner"),
                        new SchedulerConfig.MailTemplates(
                                required(env, "furrow.mail.templates.success-subject"),
                                required(env, "furrow.mail.templates.success-body"),
                                required(env, "furrow.mail.templates.failed-subject"),
                                required(env, "furrow.mail.templates.failed-body"),
                                required(env, "furrow.mail.templates.deleted-subject"),
                                required(env, "furrow.mail.templates.deleted-body"))),
                new SchedulerConfig.Upkeep(
                        duration(env, "furrow.scheduler.autodelete-interval"),
                        duration(env, "furrow.scheduler.compress-log-interval"),
                        duration(env, "furrow.scheduler.orphaned-log-cleanup-interval"),
                        flag(env, "furrow.scheduler.enable-statistics"),
                        duration(env, "furrow.scheduler.agent-count-interval"),
                        duration(env, "furrow.scheduler.task-count-interval"),
                        duration(env, "furrow.scheduler.task-event-count-interval")),
                new SchedulerConfig.Reconcile(
                        duration(env, "furrow.scheduler.stalled-task-timeout"),
                        duration(env, "furrow.scheduler.missing-task-grace"),
                        duration(env, "furrow.scheduler.stop-confirm-timeout")));
    }

    private static String required(Environment env, String key) {
        return env.getProperty(key, String.class)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("configuration key " + key + " is not set; set it in "
                        + "application.yml or through its environment variable"));
    }

    private static String optional(Environment env, String key) {
        return env.getProperty(key, String.class).orElse("");
    }

    private static Duration duration(Environment env, String key) {
        return env.getProperty(key, Duration.class).orElseThrow(() -> new IllegalStateException(
                "configuration key " + key + " must be a duration such as 60s"));
    }

    private static boolean flag(Environment env, String key) {
        return env.getProperty(key, Boolean.class).orElseThrow(() -> new IllegalStateException(
                "configuration key " + key + " must be true or false"));
    }
}
