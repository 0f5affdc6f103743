package dev.furrow.testing;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.util.Locale;
import java.util.UUID;

/**
 * The real AMQP broker named by {@code FURROW_AMQP_URL} (default: the local RabbitMQ as guest), and a fresh
 * namespace for exchange and queue names so that each test class has its own topology on it.
 */
public final class TestBroker {

    public static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";

    private TestBroker() {
    }

    /** The broker URL, after checking that the broker answers. */
    public static String url() {
        String url = TestDatabase.env("FURROW_AMQP_URL", DEFAULT_URL);
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url);
            factory.setConnectionTimeout(3000);
            try (Connection ignored = factory.newConnection("furrow-test-probe")) {
                return url;
            }
        } catch (Exception e) {
            throw new IllegalStateException("""
                    Tests need an AMQP 0-9-1 broker at %s: %s
                    Start the local RabbitMQ with:  rabbitmq-server -detached
                    or point FURROW_AMQP_URL at another broker.""".formatted(url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@"), e), e);
        }
    }

    /** A namespace no other test uses, e.g. {@code t3f9a0c1d2b}. */
    public static String freshNamespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }
}
