package dev.furrow.farm.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process Apache Qpid Broker-J speaking AMQP 0-9-1 on 127.0.0.1, user guest/guest, one virtual host reached
 * as {@code /}. The broker's own configuration is rebuilt from code at each start; exchanges, queues and persistent
 * messages live in a Derby store under the given directory and survive restarts.
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    private final SystemLauncher launcher;
    private final int port;

    private EmbeddedBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    /** Starts the broker on {@code port}, keeping its state under {@code directory}. */
    public static EmbeddedBroker start(Path directory, int port) {
        Ports.requireFree(port, "AMQP broker", "Is another local farm still running? Stop it, choose another"
                + " --amqp-port, or set FURROW_AMQP_URL to use that broker.");
        Path initialConfig = writeInitialConfig(directory, port);
        if (System.getProperty("derby.stream.error.file") == null) {
            // Derby's own log would otherwise land in the working directory.
            System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toAbsolutePath().toString());
        }
        Map<String, Object> context = new HashMap<>();
        context.put("qpid.work_dir", directory.toAbsolutePath().toString());
        context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
        Map<String, Object> system = new HashMap<>();
        system.put("type", "Memory");
        system.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toUri().toString());
        system.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        system.put("context", context);
        SystemLauncher launcher = new SystemLauncher();
        try {
            launcher.startup(system);
        } catch (Exception e) {
            launcher.shutdown();
            throw new IllegalStateException("the embedded AMQP broker (Qpid Broker-J) did not start on port " + port
                    + " with its store in " + directory + ": " + e.getMessage()
                    + ". Set FURROW_AMQP_URL to use an external broker instead.", e);
        }
        if (!Ports.isAnswering(port)) {
            launcher.shutdown();
            throw new IllegalStateException("the embedded AMQP broker started but does not listen on port " + port
                    + "; its log lines above say why.");
        }
        return new EmbeddedBroker(launcher, port);
    }

    public int port() {
        return port;
    }

    /** The URL components use: the broker's only virtual host, as guest. */
    public String amqpUrl() {
        return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/%2F";
    }

    @Override
    public void close() {
        launcher.shutdown();
        if (!Ports.awaitReleased(port, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the embedded AMQP broker on port " + port + " did not stop within 30 s");
        }
    }

    private static Path writeInitialConfig(Path directory, int port) {
        Map<String, Object> user = Map.of("name", USER, "type", "managed", "password", PASSWORD);
        Map<String, Object> plain = Map.of(
                "name", "plain", "type", "Plain",
                // AMQP clients (RabbitMQ's Java client included) log in with SASL PLAIN over plain TCP on loopback.
                "secureOnlyMechanisms", List.of(),
                "users", List.of(user));
        Map<String, Object> amqpPort = Map.of(
                "name", "AMQP", "port", port, "bindingAddress", "127.0.0.1",
                "protocols", List.of("AMQP_0_9_1"),
                "authenticationProvider", "plain",
                // nameAlias: a vhost asked for by name; defaultAlias: "/" (and an empty name) reach the default node.
                "virtualhostaliases", List.of(
                        Map.of("name", "nameAlias", "type", "nameAlias"),
                        Map.of("name", "defaultAlias", "type", "defaultAlias")));
        Map<String, Object> node = Map.of(
                "name", "default", "type", "DERBY", "defaultVirtualHostNode", true,
                "storePath", directory.resolve("default").toAbsolutePath().toString(),
                "virtualHostInitialConfiguration", "{\"type\": \"ProvidedStore\"}");
        Map<String, Object> broker = Map.of(
                "name", "furrow-embedded",
                "modelVersion", "9.1",
                "context", Map.of("store.filesystem.maxUsagePercent", "100"),
                "authenticationproviders", List.of(plain),
                "ports", List.of(amqpPort),
                "virtualhostnodes", List.of(node));
        Path file = directory.resolve("initial-config.json");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(broker));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the broker configuration", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration to " + file, e);
        }
        return file;
    }
}
