package dev.furrow.farm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a local farm is laid out.
 *
 * @param root             checkout holding the built jars ({@code <module>/target/furrow-<module>.jar})
 * @param dataDir          the farm's state: task logs, agents' ids and logs, embedded database and broker
 * @param services         where the database and broker come from
 * @param agents           number of render agents
 * @param apiPort          api-server port
 * @param firstAgentPort   port of the first agent's API; agent n listens on firstAgentPort + n - 1
 * @param embeddedDbPort   port of the embedded MariaDB, when it runs
 * @param embeddedAmqpPort port of the embedded AMQP broker, when it runs
 * @param readyTimeout     how long each component may take to become ready
 * @param stopTimeout      how long each component may take to stop before it is killed
 * @param environment      the environment the FURROW_* settings are read from (the process's own in production)
 */
public record FarmOptions(
        Path root, Path dataDir, Services services, int agents,
        int apiPort, int firstAgentPort, int embeddedDbPort, int embeddedAmqpPort,
        Duration readyTimeout, Duration stopTimeout, Map<String, String> environment) {

    public static final int DEFAULT_API_PORT = 8080;
    public static final int DEFAULT_FIRST_AGENT_PORT = 50000;
    public static final int DEFAULT_EMBEDDED_DB_PORT = 3307;
    public static final int DEFAULT_EMBEDDED_AMQP_PORT = 5673;
    public static final int DEFAULT_READY_TIMEOUT_SECONDS = 180;
    public static final int DEFAULT_STOP_TIMEOUT_SECONDS = 20;
    public static final String API_PORT = "FURROW_API_PORT";

    public FarmOptions {
        root = root.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
        if (agents < 1) {
            throw new IllegalArgumentException("--agents must be at least 1, not " + agents);
        }
        requirePort("--api-port", apiPort);
        requirePort("--agent-port", firstAgentPort);
        requirePort("--agent-port + --agents - 1", firstAgentPort + agents - 1);
        requirePort("--db-port", embeddedDbPort);
        requirePort("--amqp-port", embeddedAmqpPort);
        if (apiPort >= firstAgentPort && apiPort < firstAgentPort + agents) {
            throw new IllegalArgumentException("the api port " + apiPort + " collides with the agents' ports "
                    + firstAgentPort + ".." + (firstAgentPort + agents - 1) + "; choose another --api-port or --agent-port");
        }
    }

    /** One agent, ports 8080 / 50000 / 3307 / 5673, state in {@code <root>/var}; FURROW_API_PORT moves the API. */
    public static FarmOptions defaults(Path root, Map<String, String> environment) {
        String apiPort = environment.get(API_PORT);
        return new FarmOptions(root, root.resolve("var"), Services.AUTO, 1,
                Services.isBlank(apiPort) ? DEFAULT_API_PORT : parsePort(API_PORT, apiPort),
                DEFAULT_FIRST_AGENT_PORT, DEFAULT_EMBEDDED_DB_PORT, DEFAULT_EMBEDDED_AMQP_PORT,
                Duration.ofSeconds(DEFAULT_READY_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_STOP_TIMEOUT_SECONDS),
                environment);
    }

    public FarmOptions withDataDir(Path dataDir) {
        return new FarmOptions(root, dataDir, services, agents, apiPort, firstAgentPort, embeddedDbPort,
                embeddedAmqpPort, readyTimeout, stopTimeout, environment);
    }

    public FarmOptions withServices(Services services) {
        return new FarmOptions(root, dataDir, services, agents, apiPort, firstAgentPort, embeddedDbPort,
                embeddedAmqpPort, readyTimeout, stopTimeout, environment);
    }

    public FarmOptions withAgents(int agents) {
        return new FarmOptions(root, dataDir, services, agents, apiPort, firstAgentPort, embeddedDbPort,
                embeddedAmqpPort, readyTimeout, stopTimeout, environment);
    }

    public FarmOptions withPorts(int apiPort, int firstAgentPort) {
        return new FarmOptions(root, dataDir, services, agents, apiPort, firstAgentPort, embeddedDbPort,
                embeddedAmqpPort, readyTimeout, stopTimeout, environment);
    }

    public FarmOptions withEmbeddedPorts(int embeddedDbPort, int embeddedAmqpPort) {
        return new FarmOptions(root, dataDir, services, agents, apiPort, firstAgentPort, embeddedDbPort,
                embeddedAmqpPort, readyTimeout, stopTimeout, environment);
    }

    public FarmOptions withReadyTimeout(Duration readyTimeout) {
        return new FarmOptions(root, dataDir, services, agents, apiPort, firstAgentPort, embeddedDbPort,
                embeddedAmqpPort, readyTimeout, stopTimeout, environment);
    }

    public int agentPort(int agentNumber) {
        return firstAgentPort + agentNumber - 1;
    }

    private static int parsePort(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'", e);
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a port between 1 and 65535, not " + port);
        }
    }
}
