package dev.furrow.scheduler;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Topology;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A scheduler-worker running in-process against a fresh database and a fresh broker namespace, plus what tests
 * need around it: the database ({@link FarmDb}), simulated agents and a publisher for job events.
 */
public final class WorkerFixture implements AutoCloseable {

    private final TestDatabase database;
    private final String amqpUrl;
    private final String namespace;
    private final Path tasklogs;
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final List<SimulatedAgent> agents = new ArrayList<>();
    private final ApplicationContext context;
    private final FarmDb db;

    private WorkerFixture(Map<String, Object> settings, boolean start) {
        this.database = TestDatabase.create();
        this.amqpUrl = TestBroker.url();
        this.namespace = TestBroker.freshNamespace();
        try {
            this.tasklogs = Files.createTempDirectory("furrow-tasklogs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.context = startContext(settings, start);
        this.db = new FarmDb(database);
    }

    /**
     * A started worker; {@code settings} override furrow.scheduler.* keys, e.g. "sweep-interval" → "1h", or any
     * key given in full ("furrow.mail.smtp-server").
     */
    public static WorkerFixture started(Map<String, Object> settings) {
        return new WorkerFixture(settings, true);
    }

    /** Another worker process on the same database and broker namespace (not consuming unless started). */
    public ApplicationContext anotherWorker(Map<String, Object> settings, boolean start) {
        return startContext(settings, start);
    }

    private ApplicationContext startContext(Map<String, Object> settings, boolean start) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("furrow.db.url", database.url());
        properties.put("furrow.db.user", database.user());
        properties.put("furrow.db.password", database.password());
        properties.put("furrow.amqp.url", amqpUrl);
        properties.put("furrow.amqp.namespace", namespace);
        properties.put("furrow.tasklogs-dir", tasklogs.toString());
        properties.put("furrow.scheduler.sweep-interval", "1h");
        properties.put("furrow.scheduler.housekeeping-interval", "1h");
        settings.forEach((key, value) -> properties.put(key.startsWith("furrow.") ? key : "furrow.scheduler." + key,
                value));
        ApplicationContext ctx = ApplicationContext.builder().properties(properties).start();
        contexts.add(ctx);
        if (start) {
            ctx.getBean(SchedulerWorker.class).start();
        }
        return ctx;
    }

    public ApplicationContext context() {
        return context;
    }

    public FarmDb db() {
        return db;
    }

    public Path tasklogs() {
        return tasklogs;
    }

    public SimulatedAgent agent(String hostname) {
        SimulatedAgent agent = new SimulatedAgent(hostname, amqpUrl, namespace);
        agents.add(agent);
        return agent;
    }

    /** Publishes a job event as the api-server does after its commit. */
    public void jobChanged(long jobId, JobChanged.Change change, List<Long> taskIds) {
        Broker broker = context.getBean(Broker.class);
        FarmMessage message = new JobChanged(jobId, change, taskIds, Instant.now());
        context.getBean(Publisher.class).publish(broker.topology().jobsExchange(), change.routingKey(), message);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        agents.forEach(SimulatedAgent::close);
        contexts.forEach(ctx -> ctx.getBean(SchedulerWorker.class).close());
        removeTopology();
        contexts.forEach(ApplicationContext::close);
        database.close();
    }

    // Durable queues outlive the test; leave the shared broker as we found it.
    private void removeTopology() {
        Topology topology = context.getBean(Broker.class).topology();
        try (Channel channel = context.getBean(Broker.class).openChannel()) {
            channel.queueDelete(topology.schedulerRepliesQueue());
            channel.queueDelete(topology.schedulerJobsQueue());
            channel.exchangeDelete(topology.jobsExchange());
            channel.exchangeDelete(topology.repliesExchange());
            channel.exchangeDelete(topology.agentsExchange());
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot remove test topology " + topology.namespace(), e);
        }
    }
}
