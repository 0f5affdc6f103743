package dev.furrow.farm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The database and broker every component of the farm is pointed at, as the environment variables they read. */
public record SharedServices(
        String dbUrl, String dbUser, String dbPassword, boolean dbEmbedded,
        String amqpUrl, String amqpNamespace, boolean brokerEmbedded) {

    public static final String DB_URL = "FURROW_DB_URL";
    public static final String DB_USER = "FURROW_DB_USER";
    public static final String DB_PASSWORD = "FURROW_DB_PASSWORD";
    public static final String AMQP_URL = "FURROW_AMQP_URL";
    public static final String AMQP_NAMESPACE = "FURROW_AMQP_NAMESPACE";

    public static final String DEFAULT_DB_URL = "jdbc:mysql://127.0.0.1:3306/furrow?createDatabaseIfNotExist=true";
    public static final String DEFAULT_DB_USER = "root";
    public static final String DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";
    public static final String DEFAULT_AMQP_NAMESPACE = "furrow";

    /** The database named by the environment, or the contract's default (the local server on 3306). */
    static Database externalDatabase(Map<String, String> environment) {
        return new Database(
                valueOr(environment, DB_URL, DEFAULT_DB_URL),
                valueOr(environment, DB_USER, DEFAULT_DB_USER),
                environment.getOrDefault(DB_PASSWORD, ""));
    }

    static String externalAmqpUrl(Map<String, String> environment) {
        return valueOr(environment, AMQP_URL, DEFAULT_AMQP_URL);
    }

    static String namespace(Map<String, String> environment) {
        return valueOr(environment, AMQP_NAMESPACE, DEFAULT_AMQP_NAMESPACE);
    }

    /** A database login. */
    record Database(String url, String user, String password) {
    }

    /** The variables handed to every child. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(DB_URL, dbUrl);
        env.put(DB_USER, dbUser);
        env.put(DB_PASSWORD, dbPassword);
        env.put(AMQP_URL, amqpUrl);
        env.put(AMQP_NAMESPACE, amqpNamespace);
        return env;
    }

    /** Fails with advice when an external database or broker does not accept TCP connections. */
    void requireExternalServicesAnswer() {
        if (!dbEmbedded) {
            requireAnswers("database", dbUrl.replaceFirst("^jdbc:", ""), 3306,
                    "start the local MariaDB (make services), point FURROW_DB_URL at a running server,"
                            + " or leave FURROW_DB_URL unset to use the embedded one");
        }
        if (!brokerEmbedded) {
            requireAnswers("AMQP broker", amqpUrl, 5672,
                    "start the local RabbitMQ (make services), point FURROW_AMQP_URL at a running broker,"
                            + " or leave FURROW_AMQP_URL unset to use the embedded one");
        }
    }

    private static void requireAnswers(String what, String url, int defaultPort, String advice) {
        Optional<InetSocketAddress> address = address(url, defaultPort);
        if (address.isEmpty()) {
            return; // an URL form we do not parse (several hosts, ...): the component itself will say what is wrong
        }
        try (Socket socket = new Socket()) {
            socket.connect(address.get(), 2000);
        } catch (IOException e) {
            throw new IllegalStateException("the " + what + " at " + address.get().getHostString() + ":"
                    + address.get().getPort() + " does not answer (" + e.getMessage() + "): " + advice + ".");
        }
    }

    static Optional<InetSocketAddress> address(String url, int defaultPort) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The URL with its password replaced by ***, for printing. */
    static String redacted(String url) {
        return url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    private static String valueOr(Map<String, String> environment, String variable, String fallback) {
        String value = environment.get(variable);
        return Services.isBlank(value) ? fallback : value;
    }
}
