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
                duration(env, "furrow.scheduler.agent-offline-timeout"),
                duration(env, "furrow.scheduler.housekeeping-interval"),
                duration(env, "furrow.scheduler.sweep-interval"),
                flag(env, "furrow.scheduler.agent-allow-sharing"),
                flag(env, "furrow.scheduler.use-total-ram-for-scheduling"),
                flag(env, "furrow.scheduler.queue-prefer-running-jobs"),
                env.getProperty("furrow.scheduler.prefetch", Integer.class).orElse(100));
    }

    private static String required(Environment env, String key) {
        return env.getProperty(key, String.class)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("configuration key " + key + " is not set; set it in "
                        + "application.yml or through its environment variable"));
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
