package dev.furrow.scheduler;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.AgentWentOffline;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.AssignmentRejected;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.Topology;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.WorkState;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.messages.amqp.Subscription;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A render agent as the scheduler sees it, and nothing more: it publishes real reports to the replies exchange
 * and collects what arrives on its own queue. Tests decide what it reports.
 */
public final class SimulatedAgent implements AutoCloseable {

    private final UUID id = UUID.randomUUID();
    private final String hostname;
    private final Broker broker;
    private final Publisher publisher;
    private final Subscription subscription;
    private final BlockingQueue<FarmMessage> inbox = new LinkedBlockingQueue<>();
    private int cpus = 8;
    private int ram = 16000;
    private String farmName = "test-farm";

    SimulatedAgent(String hostname, String amqpUrl, String namespace) {
        this.hostname = hostname;
        this.broker = Broker.connect(amqpUrl, new Topology(namespace), "agent-" + hostname, Duration.ofSeconds(10));
        try (Channel channel = broker.openChannel()) {
            broker.topology().declareAgentQueue(channel, id);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        this.publisher = new Publisher(broker);
        this.subscription = Subscription.start(broker, broker.topology().agentQueue(id), 10, inbox::add,
                Subscription.LOG_ONLY);
    }

    public UUID id() {
        return id;
    }

    public SimulatedAgent ofFarm(String farmName) {
        this.farmName = farmName;
        return this;
    }

    public SimulatedAgent withResources(int cpus, int ram) {
        this.cpus = cpus;
        this.ram = ram;
        return this;
    }

    public SimulatedAgent announce() {
        return announce(List.of());
    }

    public SimulatedAgent announce(List<Long> runningTaskIds) {
        publish(new AgentAnnounced(id, hostname, farmName, 50000, "10.0.0.7", cpus, ram, ram, "Test CPU",
                "linux", "Linux Test 1.0", "0.1.0", 0.0, AgentState.ONLINE,
                List.of(new AgentAnnounced.Disk("/", 1_000_000L, 500_000L),
                        new AgentAnnounced.Disk("/scratch", 2_000_000L, 1_500_000L)),
                List.of("Test GPU 1000"), List.of("00:11:22:33:44:55"), runningTaskIds, Instant.now()));
        return this;
    }

    public void heartbeat() {
        heartbeat(List.of());
    }

    public void heartbeat(List<Long> runningTaskIds) {
        publish(new AgentHeartbeat(id, AgentState.ONLINE, ram / 2, runningTaskIds, Instant.now()));
    }

    public void requestWork() {
        publish(new WorkRequested(id, cpus, ram, Instant.now()));
    }

    public void report(AssignTasks.Task task, long sequence, WorkState state, Double progress, String lastError) {
        publish(new TaskReported(id, 0, task.id(), task.attempt(), sequence, state, progress, lastError,
                Instant.now()));
    }

    /** Runs the task to completion as a real agent reports it: running, halfway, done. */
    public void completes(long jobId, AssignTasks.Task task) {
        publish(new TaskReported(id, jobId, task.id(), task.attempt(), 1, WorkState.RUNNING, 0.0, null, Instant.now()));
        publish(new TaskReported(id, jobId, task.id(), task.attempt(), 2, WorkState.RUNNING, 0.5, null, Instant.now()));
        publish(new TaskReported(id, jobId, task.id(), task.attempt(), 3, WorkState.DONE, 1.0, null, Instant.now()));
    }

    /** Runs the task and asks for more in ONE message, as the agent's outbox sends reports that pile up. */
    public void completesAndAsksForMoreTogether(long jobId, AssignTasks.Task task) {
        Instant now = Instant.now();
        publish(new AgentReports(id, List.of(
                new TaskReported(id, jobId, task.id(), task.attempt(), 1, WorkState.RUNNING, 0.0, null, now),
                new TaskReported(id, jobId, task.id(), task.attempt(), 2, WorkState.DONE, 1.0, null, now),
                new WorkRequested(id, cpus, ram, now)), now));
    }

    public void fails(long jobId, AssignTasks.Task task) {
        publish(new TaskReported(id, jobId, task.id(), task.attempt(), 1, WorkState.RUNNING, 0.0, null, Instant.now()));
        publish(new TaskReported(id, jobId, task.id(), task.attempt(), 2, WorkState.FAILED, null,
                "process exited with code 3", Instant.now()));
    }

    public void logLines(long jobId, List<Long> taskIds, int attempt, String identifier, long firstLine, String csv,
                         boolean last) {
        publish(new TaskLogLines(id, jobId, taskIds, attempt, identifier, firstLine, csv, last, Instant.now()));
    }

    public void rejects(AssignTasks assignment, String reason) {
        publish(new AssignmentRejected(id, assignment.assignmentId(),
                assignment.tasks().stream().map(AssignTasks.Task::id).toList(), reason, Instant.now()));
    }

    public void goesOffline() {
        publish(new AgentWentOffline(id, Instant.now()));
    }

    public void publish(AgentReport report) {
        publisher.publish(broker.topology().repliesExchange(), report.routingKey(), report);
    }

    public AssignTasks awaitAssignment() {
        return next(AssignTasks.class);
    }

    /** The next assignment if one arrives within {@code millis}, else null; fails on any other message. */
    public AssignTasks pollAssignment(long millis) {
        try {
            FarmMessage message = inbox.poll(millis, TimeUnit.MILLISECONDS);
            if (message != null && !(message instanceof AssignTasks)) {
                throw new AssertionError(hostname + " expected an AssignTasks but got " + message);
            }
            return (AssignTasks) message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public StopTasks awaitStop() {
        return next(StopTasks.class);
    }

    /** Everything received so far, after waiting {@code millis} for stragglers. */
    public List<FarmMessage> drain(long millis) {
        Await.sleep(millis);
        List<FarmMessage> messages = new java.util.ArrayList<>();
        inbox.drainTo(messages);
        return messages;
    }

    /** Fails if anything arrives on the agent's queue within {@code millis}. */
    public void expectNothingFor(long millis) {
        try {
            FarmMessage message = inbox.poll(millis, TimeUnit.MILLISECONDS);
            if (message != null) {
                throw new AssertionError(hostname + " expected no message but got " + message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private <T extends FarmMessage> T next(Class<T> type) {
        try {
            FarmMessage message = inbox.poll(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError(hostname + " received no " + type.getSimpleName());
            }
            if (!type.isInstance(message)) {
                throw new AssertionError(hostname + " expected " + type.getSimpleName() + " but got " + message);
            }
            return type.cast(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        subscription.close();
        publisher.close();
        try (Channel channel = broker.openChannel()) {
            channel.queueDelete(broker.topology().agentQueue(id));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        broker.close();
    }
}
