package dev.furrow.scheduler;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Topology;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.WorkState;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A scheduler-worker running in-process against a fresh database and a fresh broker namespace, plus what tests
 * need around it: the database ({@link FarmDb}), simulated agents and a publisher for job events. One per test
 * class: register it as a static {@code @RegisterExtension} field; it starts before the class's {@code @BeforeAll}
 * methods and stops after its {@code @AfterAll} methods.
 */
public final class WorkerFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Supplier<Map<String, Object>> settings;
    private final boolean emptiesFarmBeforeEachTest;
    private final FarmDb db = new FarmDb(this::database);
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final List<SimulatedAgent> agents = new ArrayList<>();
    private TestDatabase database;
    private String amqpUrl;
    private String namespace;
    private Path tasklogs;
    private ApplicationContext context;

    private WorkerFixture(Supplier<Map<String, Object>> settings, boolean emptiesFarmBeforeEachTest) {
        this.settings = settings;
        this.emptiesFarmBeforeEachTest = emptiesFarmBeforeEachTest;
    }

    /**
     * A worker started for the test class; {@code settings} override furrow.scheduler.* keys, e.g.
     * "sweep-interval" → "1h", or any key given in full ("furrow.mail.smtp-server").
     */
    public static WorkerFixture perTestClass(Map<String, Object> settings) {
        return new WorkerFixture(() -> settings, false);
    }

    /** Settings known only once the test class runs, e.g. the port of a mail server started by another extension. */
    public static WorkerFixture perTestClass(Supplier<Map<String, Object>> settings) {
        return new WorkerFixture(settings, false);
    }

    /** The same worker, with the farm {@link FarmDb#reset() emptied} before each test. */
    public WorkerFixture emptiedBeforeEachTest() {
        return new WorkerFixture(settings, true);
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) throws IOException {
        database = TestDatabase.create();
        amqpUrl = TestBroker.url();
        namespace = TestBroker.freshNamespace();
        tasklogs = Files.createTempDirectory("furrow-tasklogs");
        context = startContext(settings.get(), true);
    }

    @Override
    public void beforeEach(ExtensionContext extensionContext) {
        if (emptiesFarmBeforeEachTest) {
            db.reset();
        }
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
        return running(context);
    }

    public FarmDb db() {
        return db;
    }

    private TestDatabase database() {
        return running(database);
    }

    public Path tasklogs() {
        return running(tasklogs);
    }

    public SimulatedAgent agent(String hostname) {
        SimulatedAgent agent = new SimulatedAgent(hostname, running(amqpUrl), namespace);
        agents.add(agent);
        return agent;
    }

    /** An agent that has announced itself and that the worker has recorded. */
    public SimulatedAgent onlineAgent(String hostname) {
        SimulatedAgent agent = agent(hostname).announce();
        Await.until(hostname + " online", () -> db.agent(agent.id()), Objects::nonNull);
        return agent;
    }

    /** Has the agent ask for work and report its first task running; answers the task once the database has it so. */
    public AssignTasks.Task startsWork(SimulatedAgent agent) {
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);
        agent.report(task, 1, WorkState.RUNNING, 0.0, null);
        Await.until("task running", () -> db.task(task.id()), t -> "running".equals(t.get("state")));
        return task;
    }

    /** Publishes a job event as the api-server does after its commit. */
    public void jobChanged(long jobId, JobChanged.Change change, List<Long> taskIds) {
        Broker broker = context().getBean(Broker.class);
        FarmMessage message = new JobChanged(jobId, change, taskIds, Instant.now());
        context.getBean(Publisher.class).publish(broker.topology().jobsExchange(), change.routingKey(), message);
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    private static <T> T running(T part) {
        if (part == null) {
            throw new IllegalStateException("the worker starts before the test class's @BeforeAll methods; register "
                    + "it with @RegisterExtension static final WorkerFixture farm = WorkerFixture.perTestClass(...)");
        }
        return part;
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) {
        agents.forEach(SimulatedAgent::close);
        contexts.forEach(ctx -> ctx.getBean(SchedulerWorker.class).close());
        if (context != null) {
            removeTopology();
        }
        contexts.forEach(ApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    // Durable queues outlive the test; leave the shared broker as we found it.
    private void removeTopology() {
        Topology topology = context.getBean(Broker.class).topology();
        try (Channel channel = context.getBean(Broker.class).openChannel()) {
            topology.deleteNamespace(channel);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot remove test topology " + topology.namespace(), e);
        }
    }
}
