package dev.furrow.scheduler;

import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.PipelinedPublisher;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.store.logs.TaskLogFiles;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The broker connection, the publishers and the task log store, built from the typed config. */
@Factory
final class InfrastructureFactory {

    private static final Duration BROKER_PATIENCE = Duration.ofSeconds(60);

    @Singleton
    @Bean(preDestroy = "close")
    Broker broker(SchedulerConfig config) {
        return Broker.connect(config.amqpUrl(), new Topology(config.amqpNamespace()), "furrow-scheduler-worker",
                BROKER_PATIENCE);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Publisher publisher(Broker broker) {
        return new Publisher(broker);
    }

    @Singleton
    @Bean(preDestroy = "close")
    PipelinedPublisher pipelinedPublisher(Broker broker) {
        return new PipelinedPublisher(broker);
    }

    @Singleton
    TaskLogFiles taskLogFiles(SchedulerConfig config) {
        return new TaskLogFiles(config.tasklogsDir());
    }
}
