package dev.furrow.farm;

import dev.furrow.farm.process.ChildProcess;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code make run}: starts a local farm, prints where it is, and stops it again on Ctrl-C. */
@Command(name = "furrow-local-farm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs api-server, scheduler-worker and render agents on this machine as child processes.",
                "Without FURROW_DB_URL an embedded MariaDB starts, without FURROW_AMQP_URL an embedded AMQP broker;",
                "their data, the task logs and the agents' state live in the data directory. Ctrl-C stops everything."},
        footer = {"", "Environment: FURROW_DB_URL, FURROW_DB_USER, FURROW_DB_PASSWORD, FURROW_AMQP_URL,"
                + " FURROW_AMQP_NAMESPACE, FURROW_API_PORT (and any other FURROW_* setting) are passed to the components."})
public final class LocalFarmMain implements Callable<Integer> {

    @Option(names = "--root", paramLabel = "DIR",
            description = "Checkout holding the built jars (default: system property furrow.root, else the current directory).")
    Path root;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the farm keeps its state (default: <root>/var).")
    Path dataDir;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "1", description = "Number of render agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--api-port", paramLabel = "PORT",
            description = "api-server port (default: FURROW_API_PORT, else " + FarmOptions.DEFAULT_API_PORT + ").")
    Integer apiPort;

    @Option(names = "--agent-port", paramLabel = "PORT", defaultValue = "" + FarmOptions.DEFAULT_FIRST_AGENT_PORT,
            description = "Port of the first agent; the next ones count up (default: ${DEFAULT-VALUE}).")
    int firstAgentPort;

    @ArgGroup(exclusive = true)
    ServicesFlag servicesFlag;

    @Option(names = "--db-port", paramLabel = "PORT", defaultValue = "" + FarmOptions.DEFAULT_EMBEDDED_DB_PORT,
            description = "Port of the embedded MariaDB (default: ${DEFAULT-VALUE}).")
    int dbPort;

    @Option(names = "--amqp-port", paramLabel = "PORT", defaultValue = "" + FarmOptions.DEFAULT_EMBEDDED_AMQP_PORT,
            description = "Port of the embedded AMQP broker (default: ${DEFAULT-VALUE}).")
    int amqpPort;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "" + FarmOptions.DEFAULT_READY_TIMEOUT_SECONDS,
            description = "How long each component may take to get ready (default: ${DEFAULT-VALUE}).")
    long readyTimeoutSeconds;

    /** --embedded or --external; neither means: embedded for what the environment does not configure. */
    static final class ServicesFlag {
        @Option(names = "--embedded", description = "Always use the embedded MariaDB and broker, even if FURROW_DB_URL / FURROW_AMQP_URL are set.")
        boolean embedded;

        @Option(names = "--external", description = "Never embed: use FURROW_DB_URL / FURROW_AMQP_URL, or the local servers on 3306 / 5672.")
        boolean external;

        Services services() {
            return embedded ? Services.EMBEDDED : Services.EXTERNAL;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new LocalFarmMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        FarmOptions options = options();
        PrintStream console = System.out;
        LocalFarm farm = new LocalFarm(options, console);
        stopOnSignals(farm, console);
        try {
            farm.start();
        } catch (LocalFarm.Stopped | ChildProcess.NotReady e) {
            if (farm.isStopping()) {
                farm.awaitStopped(); // Ctrl-C while starting: the signal handler stops what had started
                console.println("[farm] stopped");
                return 0;
            }
            console.println("[farm] " + e.getMessage());
            return 1;
        } catch (IllegalStateException | IllegalArgumentException e) {
            console.println("[farm] " + e.getMessage());
            return 1;
        }
        printWhereItIs(farm, options, console);

        ChildProcess exited = farm.anyChildExit().join();
        if (farm.isStopping()) {
            farm.awaitStopped();
            console.println("[farm] stopped");
            return 0;
        }
        console.println("[farm] " + exited.name() + " exited on its own; stopping the farm");
        farm.close();
        return 1;
    }

    /**
     * Ctrl-C, kill and a closed terminal stop the farm in order before the JVM begins to exit: the embedded Qpid
     * broker registers a shutdown hook of its own, and a hook-only stop would let it close the broker while the
     * agents are still saying goodbye over it. The shutdown hook stays as a safety net for any other way out.
     */
    private static void stopOnSignals(LocalFarm farm, PrintStream console) {
        Runnable stop = () -> {
            if (!farm.isStopping()) {
                console.println("[farm] stopping the farm");
            }
            farm.close();
        };
        for (String signal : List.of("INT", "TERM", "HUP")) {
            Signal.handle(new Signal(signal), received -> stop.run());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stop-local-farm"));
    }

    private FarmOptions options() {
        Path checkout = root != null ? root : Path.of(System.getProperty("furrow.root", ""));
        FarmOptions options = FarmOptions.defaults(checkout, System.getenv())
                .withAgents(agents)
                .withEmbeddedPorts(dbPort, amqpPort)
                .withReadyTimeout(Duration.ofSeconds(readyTimeoutSeconds));
        options = options.withPorts(apiPort != null ? apiPort : options.apiPort(), firstAgentPort);
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        if (servicesFlag != null) {
            options = options.withServices(servicesFlag.services());
        }
        return options;
    }

    private static void printWhereItIs(LocalFarm farm, FarmOptions options, PrintStream console) {
        console.println("[farm] ------------------------------------------------------------");
        console.println("[farm] Furrow local farm is ready");
        console.println("[farm]   API:    " + farm.apiUrl());
        console.println("[farm]   web:    " + farm.webUrl());
        farm.agentUrls().forEach(url -> console.println("[farm]   agent:  " + url));
        console.println("[farm]   data:   " + options.dataDir());
        console.println("[farm] Press Ctrl-C to stop.");
        console.println("[farm] ------------------------------------------------------------");
    }
}
