package dev.furrow.farm;

import dev.furrow.farm.process.ChildProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The farm's own job, with stand-ins for the components: start them in order, pass the settings, stop them in order. */
class LocalFarmTest {

    @TempDir
    Path root;
    Path events;
    // The stubs never connect; the farm only checks that something listens where the external services should be.
    ServerSocket database;
    ServerSocket broker;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void listen() throws IOException {
        database = new ServerSocket(0);
        broker = new ServerSocket(0);
        events = root.resolve("events.txt");
    }

    @AfterEach
    void close() throws IOException {
        database.close();
        broker.close();
    }

    @Test
    void startsEveryComponentWithTheFarmsSettingsAndStopsAgentsFirstThenWorkerThenApi() throws Exception {
        StubComponents.install(root);
        FarmOptions options = options(Map.of()).withAgents(2);
        LocalFarm farm = new LocalFarm(options, console);

        farm.start();
        try {
            assertThat(get(farm.apiUrl().resolve("jobtypes/"))).isEqualTo(200);
            assertThat(farm.agentUrls()).hasSize(2);
            for (URI agent : farm.agentUrls()) {
                assertThat(get(agent.resolve("status"))).isEqualTo(200);
            }
        } finally {
            farm.close();
        }

        int first = options.agentPort(1);
        int second = options.agentPort(2);
        assertThat(Files.readAllLines(events).stream().filter(line -> line.endsWith("stopped")).toList())
                .containsExactly("agent:" + second + " stopped", "agent:" + first + " stopped", "worker stopped", "api stopped");
        assertThat(console()).contains(
                "[worker] worker sees FURROW_DB_URL=jdbc:mysql://127.0.0.1:" + database.getLocalPort() + "/furrow"
                        + " FURROW_AMQP_NAMESPACE=farm-test FURROW_TASKLOGS_DIR=" + options.dataDir().resolve("tasklogs"),
                "[agent-2] agent arguments: start --no-daemon --master-api http://127.0.0.1:" + options.apiPort() + "/api/v1"
                        + " --port " + second
                        + " --agent-id-file " + options.dataDir().resolve("agents/2/agent-id")
                        + " --task-log-dir " + options.dataDir().resolve("agents/2/tasklogs"));
    }

    @Test
    void aComponentDyingWhileStartingFailsTheStartWithItsOutputAndStopsTheOthers() throws Exception {
        StubComponents.install(root);
        LocalFarm farm = new LocalFarm(options(Map.of("FURROW_STUB_FAIL", "worker")), console);

        assertThatThrownBy(farm::start)
                .isInstanceOf(ChildProcess.NotReady.class)
                .hasMessageContaining("worker exited with code 2 before it was ready")
                .hasMessageContaining("worker cannot reach the database");
        assertThat(Files.readAllLines(events)).contains("api stopped").noneMatch(line -> line.startsWith("agent"));
    }

    @Test
    void anExternalDatabaseThatDoesNotAnswerIsReportedBeforeAnythingStarts() throws Exception {
        StubComponents.install(root);
        int closedPort = database.getLocalPort();
        database.close();
        LocalFarm farm = new LocalFarm(options(Map.of()), console);

        assertThatThrownBy(farm::start)
                .hasMessageContaining("the database at 127.0.0.1:" + closedPort + " does not answer")
                .hasMessageContaining("make services");
        assertThat(events).doesNotExist();
    }

    @Test
    void refusesToStartWithoutTheComponentJarsAndSaysHowToBuildThem() throws Exception {
        Path api = root.resolve("api-server/target/furrow-api-server.jar");
        Files.createDirectories(api.getParent());
        Files.writeString(api, "built");
        LocalFarm farm = new LocalFarm(FarmOptions.defaults(root, Map.of()), console);

        assertThatThrownBy(farm::start)
                .hasMessageContaining("scheduler-worker/target/furrow-scheduler-worker.jar")
                .hasMessageContaining("render-agent/target/furrow-render-agent.jar")
                .hasMessageContaining("are missing")
                .hasMessageContaining("make build")
                .hasMessageNotContaining("furrow-api-server.jar");
        assertThat(root.resolve("var")).doesNotExist();
    }

    private FarmOptions options(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "FURROW_DB_URL", "jdbc:mysql://127.0.0.1:" + database.getLocalPort() + "/furrow",
                "FURROW_AMQP_URL", "amqp://guest:guest@127.0.0.1:" + broker.getLocalPort() + "/%2F",
                "FURROW_AMQP_NAMESPACE", "farm-test",
                "FURROW_STUB_EVENTS", events.toString()));
        environment.putAll(extra);
        return FarmOptions.defaults(root, environment)
                .withDataDir(root.resolve("data"))
                .withPorts(FreePort.pick(), FreePort.pick());
    }

    private static int get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String console() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
