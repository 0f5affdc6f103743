package dev.furrow.messages;

import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.PipelinedPublisher;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PipelinedPublisherTest {

    Broker broker;
    PipelinedPublisher publisher;

    @BeforeEach
    void connect() throws Exception {
        broker = Broker.connect(TestBroker.url(), new Topology(TestBroker.freshNamespace()), "test", Duration.ofSeconds(5));
        publisher = new PipelinedPublisher(broker);
        try (var ch = broker.openChannel()) {
            broker.topology().declareSchedulerQueues(ch);
        }
    }

    @AfterEach
    void disconnect() throws Exception {
        publisher.close();
        try (var ch = broker.openChannel()) {
            broker.topology().deleteNamespace(ch);
        }
        broker.close();
    }

    private List<Publisher.Outgoing> heartbeats(String exchange, int count) {
        List<Publisher.Outgoing> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var beat = new AgentHeartbeat(UUID.randomUUID(), AgentState.ONLINE, i, List.of(), Instant.now());
            messages.add(new Publisher.Outgoing(exchange, beat.routingKey(), beat));
        }
        return messages;
    }

    @Test
    void confirmedMessagesArriveAndNothingIsReportedLost() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        publisher.publishAll(heartbeats(broker.topology().repliesExchange(), 200), lost::incrementAndGet);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.unconfirmed() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(publisher.unconfirmed()).isZero();
        assertThat(lost).hasValue(0);
        try (var ch = broker.openChannel()) {
            assertThat(ch.messageCount(broker.topology().schedulerRepliesQueue())).isEqualTo(200);
        }
    }

    @Test
    void messagesTheBrokerDoesNotTakeAreReportedLostOnce() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        AtomicInteger times = new AtomicInteger();
        // Publishing to an exchange that does not exist makes the broker close the channel before confirming.
        publisher.publishAll(heartbeats(broker.topology().namespace() + ".no-such-exchange", 1), () -> {
            times.incrementAndGet();
            lost.countDown();
        });

        assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(times).hasValue(1);

        AtomicInteger later = new AtomicInteger();
        publisher.publishAll(heartbeats(broker.topology().repliesExchange(), 1), later::incrementAndGet);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.unconfirmed() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(later).as("a new channel carries on after the broker closed the old one").hasValue(0);
        try (var ch = broker.openChannel()) {
            assertThat(ch.messageCount(broker.topology().schedulerRepliesQueue())).isEqualTo(1);
        }
    }
}
