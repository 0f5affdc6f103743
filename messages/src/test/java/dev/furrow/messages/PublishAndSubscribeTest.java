package dev.furrow.messages;

import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.messages.amqp.Subscription;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PublishAndSubscribeTest {

    Broker broker;
    Publisher publisher;

    @BeforeEach
    void connect() {
        broker = Broker.connect(TestBroker.url(), new Topology(TestBroker.freshNamespace()), "test", Duration.ofSeconds(5));
        publisher = new Publisher(broker);
    }

    @AfterEach
    void disconnect() throws Exception {
        if (broker == null) {
            return;
        }
        try (var ch = broker.openChannel()) {
            broker.topology().deleteNamespace(ch);
        }
        publisher.close();
        broker.close();
    }

    @Test
    void reportsReachTheSchedulerQueueAndAreAckedAfterHandling() throws Exception {
        Topology topology = broker.topology();
        try (var ch = broker.openChannel()) {
            topology.declareSchedulerQueues(ch);
        }
        var received = new LinkedBlockingQueue<FarmMessage>();
        var heartbeat = new AgentHeartbeat(UUID.randomUUID(), AgentState.ONLINE, 100, List.of(), Instant.now());

        publisher.publish(topology.repliesExchange(), heartbeat.routingKey(), heartbeat);
        try (var ignored = Subscription.start(broker, topology.schedulerRepliesQueue(), 10, received::add, Subscription.LOG_ONLY)) {
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(heartbeat);
        }
        try (var ch = broker.openChannel()) {
            assertThat(ch.messageCount(topology.schedulerRepliesQueue())).isZero();
        }
    }

    @Test
    void aHandlerThatFailsTwiceParksTheMessage() throws Exception {
        Topology topology = broker.topology();
        try (var ch = broker.openChannel()) {
            topology.declareSchedulerQueues(ch);
        }
        var attempts = new AtomicInteger();
        var parked = new CopyOnWriteArrayList<String>();
        var offline = new AgentWentOffline(UUID.randomUUID(), Instant.now());
        publisher.publish(topology.repliesExchange(), offline.routingKey(), offline);

        try (var ignored = Subscription.start(broker, topology.schedulerRepliesQueue(), 1,
                message -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("database is down");
                },
                (queue, body, reason) -> parked.add(reason))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (parked.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(parked).singleElement().asString().contains("database is down");
    }
}
