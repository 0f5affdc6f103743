package dev.furrow.farm;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stand-ins for the three component jars that keep only the contract's start-up promises (ports, readiness,
 * settings), so the farm's own behaviour is tested without the real components. Each writes "name started" and
 * "name stopped" to the file named by FURROW_STUB_EVENTS; FURROW_STUB_FAIL=name makes that one exit while starting.
 */
public final class StubComponents {

    private StubComponents() {
    }

    /**
     * Writes the three jars under {@code root} as the build would, each running the stub of its component, and the
     * agent's JVM options file the build puts next to its jar.
     */
    static void install(Path root) throws IOException {
        writeJar(root, "api-server", Api.class);
        writeJar(root, "scheduler-worker", Worker.class);
        writeJar(root, "render-agent", Agent.class);
        Files.writeString(root.resolve("render-agent/target").resolve(ComponentLaunches.AGENT_JVM_OPTIONS),
                "# the render agent's JVM flags (a java argument file)\n-XX:+UseSerialGC\n");
    }

    /** The api-server: answers GET /api/v1/jobtypes/ on FURROW_API_PORT. */
    public static final class Api {
        public static void main(String[] args) throws IOException {
            started("api");
            serve(Integer.parseInt(System.getenv("FURROW_API_PORT")), "/api/v1/jobtypes/");
        }
    }

    /** The scheduler-worker: says it is ready. */
    public static final class Worker {
        public static void main(String[] args) throws InterruptedException {
            started("worker");
            System.out.println("Furrow scheduler-worker ready");
            Thread.currentThread().join();
        }
    }

    /** A render agent: answers GET /api/v1/status on its --port. */
    public static final class Agent {
        public static void main(String[] args) throws IOException {
            List<String> arguments = Arrays.asList(args);
            int port = Integer.parseInt(arguments.get(arguments.indexOf("--port") + 1));
            started("agent:" + port);
            System.out.println("agent arguments: " + String.join(" ", args));
            serve(port, "/api/v1/status");
        }
    }

    private static void started(String name) {
        System.out.println(name + " sees FURROW_DB_URL=" + System.getenv("FURROW_DB_URL")
                + " FURROW_AMQP_NAMESPACE=" + System.getenv("FURROW_AMQP_NAMESPACE")
                + " FURROW_TASKLOGS_DIR=" + System.getenv("FURROW_TASKLOGS_DIR"));
        if (name.equals(System.getenv("FURROW_STUB_FAIL"))) {
            System.out.println(name + " cannot reach the database");
            System.exit(2);
        }
        event(name + " started");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> event(name + " stopped")));
    }

    private static void serve(int port, String path) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(path, exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static synchronized void event(String line) {
        try {
            Files.writeString(Path.of(System.getenv("FURROW_STUB_EVENTS")), line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJar(Path root, String module, Class<?> main) throws IOException {
        Path jar = root.resolve(module).resolve("target").resolve("furrow-" + module + ".jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses().toUri().toString());
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.finish();
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(StubComponents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
