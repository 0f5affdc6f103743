package dev.furrow.messages.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.furrow.messages.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * One auto-recovering AMQP 0-9-1 connection to RabbitMQ or the embedded broker, and the topology names it serves.
 * Channels and consumers come back by themselves after a broker outage (the client's automatic recovery).
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final Connection connection;
    private final Topology topology;

    private Broker(Connection connection, Topology topology) {
        this.connection = connection;
        this.topology = topology;
    }

    /**
     * Connects to {@code amqpUrl} (amqp://user:pass@host:port/vhost), retrying until {@code patience} runs out so
     * that a component started together with its broker waits for it.
     */
    public static Broker connect(String amqpUrl, Topology topology, String connectionName, Duration patience) {
        ConnectionFactory factory = factoryFor(amqpUrl);
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                Connection connection = factory.newConnection(connectionName);
                try (Channel channel = connection.createChannel()) {
                    topology.declareExchanges(channel);
                }
                return new Broker(connection, topology);
            } catch (IOException | TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new BrokerUnavailable("cannot reach the AMQP broker at " + redacted(amqpUrl)
                            + ": " + e.getMessage() + " (start RabbitMQ with 'rabbitmq-server -detached' or set FURROW_AMQP_URL)", e);
                }
                LOG.info("AMQP broker at {} not reachable yet ({}); retrying", redacted(amqpUrl), e.toString());
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private static ConnectionFactory factoryFor(String amqpUrl) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(amqpUrl);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an AMQP URL: " + redacted(amqpUrl), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(15);
        factory.setConnectionTimeout(5000);
        return factory;
    }

    public Topology topology() {
        return topology;
    }

    public Channel openChannel() {
        try {
            return connection.createChannel();
        } catch (IOException e) {
            throw new BrokerUnavailable("cannot open an AMQP channel: " + e.getMessage(), e);
        }
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close(5000);
            }
        } catch (IOException e) {
            LOG.warn("closing the AMQP connection failed", e);
        }
    }

    static String redacted(String url) {
        return url == null ? null : url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable("interrupted while waiting for the AMQP broker", e);
        }
    }

    /** The broker cannot be reached or refused an operation. */
    public static final class BrokerUnavailable extends RuntimeException {
        public BrokerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
