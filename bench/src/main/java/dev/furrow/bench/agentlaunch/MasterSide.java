package dev.furrow.bench.agentlaunch;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The benchmark in the scheduler-worker's place: sends commands to the agent's queue and receives every report from
 * the replies exchange (its own queue, bound with '#'; those an {@code AgentReports} packs one by one), stamped with
 * when it arrived.
 */
final class MasterSide implements AutoCloseable {

    /** A report and the System.nanoTime() at which it arrived. */
    record Arrival(AgentReport report, long nanos) {
    }

    private final Broker broker;
    private final Publisher publisher;
    private final Channel channel;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();

    MasterSide(Broker broker) throws IOException {
        this.broker = broker;
        this.publisher = new Publisher(broker);
        this.channel = broker.openChannel();
        String queue = broker.topology().namespace() + ".bench-launch";
        channel.queueDeclare(queue, false, true, true, null);
        channel.queueBind(queue, broker.topology().repliesExchange(), "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                long now = System.nanoTime();
                for (AgentReport report : AgentReports.unpacked((AgentReport) Json.decode(body))) {
                    arrivals.add(new Arrival(report, now));
                }
            }
        });
    }

    /** Publishes {@code command} to the agent's queue (with the broker's confirm); returns when it was handed over. */
    long send(UUID agentId, FarmMessage command) {
        long sent = System.nanoTime();
        publisher.publish(broker.topology().agentsExchange(), agentId.toString(), command);
        return sent;
    }

    /** The next report of {@code type} matching {@code test}; reports before it are dropped. */
    <T extends AgentReport> Arrival await(Class<T> type, Predicate<T> test, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Arrival arrival = arrivals.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (arrival == null) {
                throw new IllegalStateException("no " + type.getSimpleName() + " from the agent within " + patience.toSeconds() + " s");
            }
            if (type.isInstance(arrival.report()) && test.test(type.cast(arrival.report()))) {
                return arrival;
            }
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
