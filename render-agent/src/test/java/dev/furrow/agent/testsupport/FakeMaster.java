package dev.furrow.agent.testsupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The master as the agent sees it: reads every report from its own queue bound to the replies exchange with '#'
 * (the reports an {@link AgentReports} packs, one by one, in order), and sends commands to an agent's queue. Test
 * code only; no database.
 */
public final class FakeMaster implements AutoCloseable {

    private final Broker broker;
    private final Publisher publisher;
    private final Channel channel;
    private final List<AgentReport> reports = new CopyOnWriteArrayList<>();

    public FakeMaster(String amqpUrl, String namespace) {
        Topology topology = new Topology(namespace);
        this.broker = Broker.connect(amqpUrl, topology, "fake-master", Duration.ofSeconds(10));
        this.publisher = new Publisher(broker);
        this.channel = broker.openChannel();
        try {
            String queue = namespace + ".fake-master";
            channel.queueDeclare(queue, false, true, true, Map.of());
            channel.queueBind(queue, topology.repliesExchange(), "#");
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    reports.addAll(AgentReports.unpacked((AgentReport) Json.decode(body)));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("fake master cannot consume the replies exchange", e);
        }
    }

    public void send(UUID agentId, FarmMessage command) {
        publisher.publish(broker.topology().agentsExchange(), agentId.toString(), command);
    }

    /** Waits for the first report of {@code type} (received at any time so far) matching {@code test}. */
    public <T extends AgentReport> T await(Class<T> type, Predicate<T> test) {
        return await(type, test, Duration.ofSeconds(60));
    }

    public <T extends AgentReport> T await(Class<T> type, Predicate<T> test, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            for (AgentReport report : reports) {
                if (type.isInstance(report) && test.test(type.cast(report))) {
                    return type.cast(report);
                }
            }
            sleep();
        }
        throw new AssertionError("no " + type.getSimpleName() + " as expected within " + patience.toSeconds()
                + " s; received: " + summary());
    }

    /** Every report of {@code type} received so far matching {@code test}, in arrival order. */
    public <T extends AgentReport> List<T> all(Class<T> type, Predicate<T> test) {
        List<T> result = new ArrayList<>();
        for (AgentReport report : reports) {
            if (type.isInstance(report) && test.test(type.cast(report))) {
                result.add(type.cast(report));
            }
        }
        return result;
    }

    /** A task's whole log as the master would store it: every chunk up to the last one, in line order, no gaps. */
    public String wholeLog(long taskId) {
        await(dev.furrow.messages.TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)) && l.last());
        StringBuilder csv = new StringBuilder();
        long nextLine = 1;
        for (var chunk : all(dev.furrow.messages.TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)))) {
            if (chunk.firstLine() != nextLine) {
                throw new AssertionError("chunk starting at line " + chunk.firstLine() + " where line " + nextLine + " was due");
            }
            csv.append(chunk.csv());
            nextLine += chunk.csv().lines().count();
        }
        return csv.toString();
    }

    /** Waits for the report of {@code taskId} in {@code state}. */
    public dev.furrow.messages.TaskReported awaitTask(long taskId, dev.furrow.messages.WorkState state) {
        return await(dev.furrow.messages.TaskReported.class, r -> r.taskId() == taskId && r.state() == state);
    }

    private String summary() {
        return reports.stream().map(report -> report.toString().length() > 300
                ? report.toString().substring(0, 300) + "..." : report.toString()).toList().toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a report", e);
        }
    }

    @Override
    public void close() {
        publisher.close();
        broker.close();
    }
}
