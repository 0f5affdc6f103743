package dev.furrow.farm.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.furrow.farm.FreePort;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.messages.amqp.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded Qpid broker does everything Furrow's messaging asks of RabbitMQ, through the messages module. */
class EmbeddedBrokerTest {

    @TempDir
    static Path directory;
    static int port;
    static EmbeddedBroker embedded;

    @BeforeAll
    static void start() {
        port = FreePort.pick();
        embedded = EmbeddedBroker.start(directory, port);
    }

    @AfterAll
    static void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void reportsAndJobEventsReachTheSchedulerQueuesAndAreAckedAfterHandling() throws Exception {
        try (Broker broker = connect(new Topology("furrow")); Publisher publisher = new Publisher(broker)) {
            Topology topology = broker.topology();
            try (var channel = broker.openChannel()) {
                topology.declareSchedulerQueues(channel);
            }
            var heartbeat = new AgentHeartbeat(UUID.randomUUID(), AgentState.ONLINE, 2048, List.of(7L), now());
            var submitted = new JobChanged(42, JobChanged.Change.SUBMITTED, List.of(), now());

            publisher.publishAll(List.of(
                    new Publisher.Outgoing(topology.repliesExchange(), heartbeat.routingKey(), heartbeat),
                    new Publisher.Outgoing(topology.jobsExchange(), submitted.routingKey(), submitted)));

            assertThat(receiveOne(broker, topology.schedulerRepliesQueue())).isEqualTo(heartbeat);
            assertThat(receiveOne(broker, topology.schedulerJobsQueue())).isEqualTo(submitted);
            assertThat(messageCount(broker, topology.schedulerRepliesQueue())).isZero();
            assertThat(messageCount(broker, topology.schedulerJobsQueue())).isZero();
        }
    }

    @Test
    void anAssignmentGoesOnlyToTheAgentItIsRoutedTo() throws Exception {
        try (Broker broker = connect(new Topology("routing")); Publisher publisher = new Publisher(broker)) {
            Topology topology = broker.topology();
            UUID chosen = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            try (var channel = broker.openChannel()) {
                topology.declareAgentQueue(channel, chosen);
                topology.declareAgentQueue(channel, other);
            }
            AssignTasks assignment = assignment();

            publisher.publish(topology.agentsExchange(), chosen.toString(), assignment);

            assertThat(receiveOne(broker, topology.agentQueue(chosen))).isEqualTo(assignment);
            assertThat(messageCount(broker, topology.agentQueue(other))).isZero();
        }
    }

    @Test
    void aMessageWhoseHandlerFailedIsRedeliveredAndAckedOnSuccess() throws Exception {
        try (Broker broker = connect(new Topology("redelivery")); Publisher publisher = new Publisher(broker)) {
            Topology topology = broker.topology();
            try (var channel = broker.openChannel()) {
                topology.declareSchedulerQueues(channel);
            }
            var heartbeat = new AgentHeartbeat(UUID.randomUUID(), AgentState.RUNNING, 512, List.of(), now());
            publisher.publish(topology.repliesExchange(), heartbeat.routingKey(), heartbeat);
            var attempts = new AtomicInteger();
            BlockingQueue<FarmMessage> handled = new LinkedBlockingQueue<>();

            try (var ignored = Subscription.start(broker, topology.schedulerRepliesQueue(), 1, message -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("database briefly unavailable");
                }
                handled.add(message);
            }, Subscription.LOG_ONLY)) {
                assertThat(handled.poll(10, TimeUnit.SECONDS)).isEqualTo(heartbeat);
            }
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(messageCount(broker, topology.schedulerRepliesQueue())).isZero();
        }
    }

    @Test
    void queuesAndPersistentMessagesSurviveARestartOfTheBroker() throws Exception {
        Topology topology = new Topology("restart");
        UUID agent = UUID.randomUUID();
        AssignTasks assignment = assignment();
        try (Broker broker = connect(topology); Publisher publisher = new Publisher(broker)) {
            try (var channel = broker.openChannel()) {
                topology.declareAgentQueue(channel, agent);
            }
            publisher.publish(topology.agentsExchange(), agent.toString(), assignment);
        }

        embedded.close();
        embedded = EmbeddedBroker.start(directory, port);

        try (Broker broker = connect(topology)) {
            assertThat(receiveOne(broker, topology.agentQueue(agent))).isEqualTo(assignment);
        }
    }

    private static Broker connect(Topology topology) {
        return Broker.connect(embedded.amqpUrl(), topology, "embedded-broker-test", Duration.ofSeconds(10));
    }

    private static FarmMessage receiveOne(Broker broker, String queue) throws InterruptedException {
        BlockingQueue<FarmMessage> received = new LinkedBlockingQueue<>();
        try (var ignored = Subscription.start(broker, queue, 10, received::add, Subscription.LOG_ONLY)) {
            FarmMessage message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message on %s within 10 s", queue).isNotNull();
            // The ack follows the handler's return on the consumer thread; closing before it would requeue the message.
            Thread.sleep(200);
            return message;
        }
    }

    private static long messageCount(Broker broker, String queue) throws Exception {
        // Acks are asynchronous; give the broker a moment to apply the last one before counting.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (var channel = broker.openChannel()) {
            long count = channel.messageCount(queue);
            while (count > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                count = channel.messageCount(queue);
            }
            return count;
        }
    }

    private static AssignTasks assignment() {
        var data = JsonNodeFactory.instance.objectNode().put("duration", 0.1);
        var job = new AssignTasks.Job(5, "shot 010", "alice", "fake-render", 1, data, Map.of(), 1, 1, 0, null, null);
        return new AssignTasks(UUID.randomUUID(), job, List.of(new AssignTasks.Task(11, 1, null, 1)), now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
