package dev.furrow.bench.farm;

import com.rabbitmq.client.Channel;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The world of one benchmark: a fresh database, a fresh AMQP namespace, a scratch directory, and the real
 * component jars started as children against them. {@link #close()} stops the children, deletes the namespace's
 * queues and exchanges, drops the database and removes the scratch directory.
 */
public final class BenchFarm implements AutoCloseable {

    public static final String WORKER_READY = "Furrow scheduler-worker ready";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final TestDatabase database;
    private final String amqpUrl;
    private final Topology topology;
    private final Path scratch;
    private final List<Child> children = new ArrayList<>();
    private final Set<UUID> agentQueues = ConcurrentHashMap.newKeySet();
    private final List<Broker> extraBrokers = new ArrayList<>();
    private Broker broker;
    private int apiPort;

    private BenchFarm(Path root, TestDatabase database, String amqpUrl, Topology topology, Path scratch) {
        this.root = root;
        this.database = database;
        this.amqpUrl = amqpUrl;
        this.topology = topology;
        this.scratch = scratch;
    }

    public static BenchFarm create(Path root) {
        String amqpUrl = TestBroker.url();
        TestDatabase database = TestDatabase.create();
        try {
            Path scratch = Files.createTempDirectory("furrow-bench-");
            Files.createDirectories(scratch.resolve("tasklogs"));
            return new BenchFarm(root, database, amqpUrl, new Topology(TestBroker.freshNamespace()), scratch);
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException("cannot create a scratch directory for the benchmark", e);
        }
    }

    public TestDatabase database() {
        return database;
    }

    public Topology topology() {
        return topology;
    }

    public Path taskLogsDir() {
        return scratch.resolve("tasklogs");
    }

    public Path scratch() {
        return scratch;
    }

    /** A connection of the bench's own to the broker, in the farm's namespace; closed with the farm. */
    public synchronized Broker broker() {
        if (broker == null) {
            broker = Broker.connect(amqpUrl, topology, "furrow-bench", Duration.ofSeconds(10));
        }
        return broker;
    }

    /** Another connection to the broker in the farm's namespace (e.g. one per few hundred simulated agents); closed with the farm. */
    public synchronized Broker connect(String name) {
        Broker extra = Broker.connect(amqpUrl, topology, name, Duration.ofSeconds(10));
        extraBrokers.add(extra);
        return extra;
    }

    /** Remembers an agent queue declared in this namespace, so that close() deletes it. */
    public void registerAgentQueue(UUID agentId) {
        agentQueues.add(agentId);
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + apiPort + "/api/v1/");
    }

    public Child startApiServer() {
        apiPort = freePort();
        Map<String, String> env = environment();
        env.put("FURROW_API_PORT", Integer.toString(apiPort));
        Child api = start("api-server", javaJar("api-server/target/furrow-api-server.jar", List.of()), env);
        URI ready = apiUrl().resolve("jobtypes/");
        api.awaitReady(START_TIMEOUT, () -> answers200(ready), "GET " + ready + " to answer 200");
        return api;
    }

    public Child startSchedulerWorker() {
        Child worker = start("scheduler-worker",
                javaJar("scheduler-worker/target/furrow-scheduler-worker.jar", List.of()), environment());
        worker.awaitReady(START_TIMEOUT, () -> worker.printed(WORKER_READY), "'" + WORKER_READY + "'");
        return worker;
    }

    /** A real render agent started the way its own daemon mode starts itself (with its small-footprint JVM flags). */
    public Child startRenderAgent(List<String> jvmFlags) {
        int port = freePort();
        Path idFile = scratch.resolve("agent-id");
        List<String> command = new ArrayList<>(javaJar("render-agent/target/furrow-render-agent.jar", jvmFlags));
        command.addAll(List.of("start", "--no-daemon", "--master-api", apiUrl().resolve("").toString().replaceAll("/$", ""),
                "--port", Integer.toString(port), "--agent-id-file", idFile.toString(),
                "--task-log-dir", scratch.resolve("agent-tasklogs").toString()));
        Child agent = start("render-agent", command, environment());
        URI ready = URI.create("http://127.0.0.1:" + port + "/api/v1/status");
        agent.awaitReady(START_TIMEOUT, () -> answers200(ready), "GET " + ready + " to answer 200");
        readAgentId(idFile).ifPresent(this::registerAgentQueue);
        return agent;
    }

    private static Optional<UUID> readAgentId(Path idFile) {
        try {
            return Files.exists(idFile) ? Optional.of(UUID.fromString(Files.readString(idFile).trim()))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Child start(String name, List<String> command, Map<String, String> env) {
        Path jar = root.resolve(command.stream().filter(a -> a.endsWith(".jar")).findFirst().orElseThrow());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build the components first (make build)");
        }
        Child child = Child.start(name, command, env, scratch.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    private List<String> javaJar(String jar, List<String> jvmFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(root.resolve(jar).toString());
        return command;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("FURROW_DB_URL", database.url());
        env.put("FURROW_DB_USER", database.user());
        env.put("FURROW_DB_PASSWORD", database.password());
        env.put("FURROW_AMQP_URL", amqpUrl);
        env.put("FURROW_AMQP_NAMESPACE", topology.namespace());
        env.put("FURROW_TASKLOGS_DIR", taskLogsDir().toString());
        return env;
    }

    private static boolean answers200(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    @Override
    public void close() {
        List<Child> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        reversed.forEach(child -> child.stop(Duration.ofSeconds(15)));
        extraBrokers.forEach(Broker::close);
        deleteTopology();
        if (broker != null) {
            broker.close();
        }
        database.close();
        deleteScratch();
    }

    private void deleteTopology() {
        Broker cleaner = Broker.connect(amqpUrl, topology, "furrow-bench-cleanup", Duration.ofSeconds(10));
        try (cleaner) {
            Channel channel = cleaner.openChannel();
            for (UUID agentId : agentQueues) {
                channel.queueDelete(topology.agentQueue(agentId));
            }
            topology.deleteNamespace(channel);
            channel.close();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot delete the AMQP namespace " + topology.namespace(), e);
        }
    }

    private void deleteScratch() {
        try (Stream<Path> paths = Files.walk(scratch)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the scratch directory " + scratch, e);
        }
    }
}
