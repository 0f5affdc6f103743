package dev.furrow.agent.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.agent.testsupport.MasterHttp;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.Json;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real supervisor process running the real agent jar: restart on a crash, a self-update end to end, and the
 * rollback of an update that keeps crashing.
 */
class SupervisorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MARKER = "furrow-update-marker.txt";

    @TempDir
    Path dir;

    @Test
    void restartsAKilledAgentAndSwapsInAnUpdateFromTheMaster() throws Exception {
        Path agentJar = installedJar();
        String namespace = TestBroker.freshNamespace();
        int port = AgentProcess.freePort();
        UUID id = UUID.randomUUID();
        Files.writeString(dir.resolve("uuid.dat"), id + "\n");
        Path updates = dir.resolve("updates");
        Path output = dir.resolve("supervisor.out");
        try (MasterHttp master = new MasterHttp(); FakeMaster broker = new FakeMaster(TestBroker.url(), namespace)) {
            master.serve("/agents/updates/9.9.9", updateZip("9.9.9"));
            master.serve("/agents/updates/broken", "not a zip".getBytes(StandardCharsets.UTF_8));
            Process supervisor = startSupervisor(agentJar, port, master, namespace, output, List.of());
            try {
                long first = awaitAgent(port, -1, supervisor, output);
                assertThat(supervisor.descendants().map(ProcessHandle::pid).toList()).contains(first);
                assertThat(Files.readString(dir.resolve("supervisor.pid")).trim()).isEqualTo(Long.toString(supervisor.pid()));

                ProcessHandle.of(first).orElseThrow().destroyForcibly();
                long second = awaitAgent(port, first, supervisor, output);
                assertThat(supervisor.descendants().map(ProcessHandle::pid).toList()).contains(second);
                assertThat(Json.mapper().readTree(get(port, "/status")).get("agent_id").asText())
                        .as("the restarted agent keeps its id").isEqualTo(id.toString());
                assertThat(Files.readString(output)).contains("the agent exited with code 137; restarting it in 1.0 s");

                assertThat(post(port, "/update", "{\"version\": \"../../etc\"}").statusCode()).isEqualTo(400);
                HttpResponse<String> broken = post(port, "/update", "{\"version\": \"broken\"}");
                assertThat(broken.statusCode()).isEqualTo(502);
                assertThat(broken.body()).contains("did not send a zip file");
                HttpResponse<String> missing = post(port, "/update", "{\"version\": \"7.0.0\"}");
                assertThat(missing.statusCode()).isEqualTo(502);
                assertThat(missing.body()).contains("answered 404");
                assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive)).as("failed updates leave the agent running")
                        .contains(true);

                HttpResponse<String> update = post(port, "/update", "{\"version\": \"9.9.9\"}");
                assertThat(update.statusCode()).as(update.body()).isEqualTo(202);
                long third = awaitAgent(port, second, supervisor, output);
                assertThat(Files.readString(output)).contains("applied agent update 9.9.9");
                try (JarFile swapped = new JarFile(agentJar.toFile())) {
                    assertThat(swapped.getEntry(MARKER)).as("the supervisor runs the downloaded jar now").isNotNull();
                }
                assertThat(updates.resolve("version")).doesNotExist();
                assertThat(broker.all(AgentAnnounced.class, a -> a.agentId().equals(id))).hasSizeGreaterThanOrEqualTo(3);
                assertThat(ProcessHandle.of(third).map(ProcessHandle::isAlive)).contains(true);

                supervisor.destroy();
                assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
                assertThat(ProcessHandle.of(third).map(ProcessHandle::isAlive).orElse(false))
                        .as("the supervisor stops its agent").isFalse();
                assertThat(dir.resolve("supervisor.pid")).doesNotExist();
            } finally {
                supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
                supervisor.destroyForcibly();
            }
        }
    }

    @Test
    void rollsBackAnUpdateThatKeepsCrashing() throws Exception {
        Path agentJar = installedJar();
        int port = AgentProcess.freePort();
        Path output = dir.resolve("supervisor.out");
        try (MasterHttp master = new MasterHttp()) {
            master.serve("/agents/updates/6.6.6", zipHolding(crashingJar()));
            Process supervisor = startSupervisor(agentJar, port, master, TestBroker.freshNamespace(), output,
                    List.of("--supervisor-rollback-crashes", "2"));
            try {
                long first = awaitAgent(port, -1, supervisor, output);

                HttpResponse<String> update = post(port, "/update", "{\"version\": \"6.6.6\"}");
                assertThat(update.statusCode()).as(update.body()).isEqualTo(202);
                long afterRollback = awaitAgent(port, first, supervisor, output);

                String log = Files.readString(output);
                assertThat(log).contains("applied agent update 6.6.6")
                        .contains("agent update 6.6.6 crashed 2 times within 300 s of being applied (last exit code 1); "
                                + "rolled back to the previous jar");
                assertThat(Files.mismatch(agentJar, AgentProcess.JAR)).as("the original jar is back").isEqualTo(-1);
                assertThat(Files.mismatch(agentJar.resolveSibling("furrow-render-agent.jar.previous"), AgentProcess.JAR))
                        .isEqualTo(-1);
                assertThat(ProcessHandle.of(afterRollback).map(ProcessHandle::isAlive)).contains(true);
                assertThat(post(port, "/stop", "{}").statusCode()).isEqualTo(202);
                assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
                assertThat(supervisor.exitValue()).as("a stopped agent stops its supervisor too").isZero();
            } finally {
                supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
                supervisor.destroyForcibly();
            }
        }
    }

    private Path installedJar() throws IOException {
        Path agentJar = Files.createDirectories(dir.resolve("bin")).resolve("furrow-render-agent.jar");
        Files.copy(AgentProcess.JAR, agentJar);
        return agentJar;
    }

    /** {@code java -jar <agentJar> supervise --no-daemon} with its own directories under the test's. */
    private Process startSupervisor(Path agentJar, int port, MasterHttp master, String namespace, Path output,
                                    List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", agentJar.toString(), "supervise", "--no-daemon", "--port", Integer.toString(port),
                "--master-api", master.apiUrl(), "--agent-id-file", dir.resolve("uuid.dat").toString(),
                "--pidfile", dir.resolve("agent.pid").toString(),
                "--supervisor-pidfile", dir.resolve("supervisor.pid").toString(),
                "--task-log-dir", dir.resolve("logs").toString(),
                "--spool-dir", dir.resolve("spool").toString(), "--updates-dir", dir.resolve("updates").toString(),
                "--shutdown-timeout", "5"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("FURROW_AMQP_URL", TestBroker.url());
        builder.environment().put("FURROW_AMQP_NAMESPACE", namespace);
        return builder.start();
    }

    /** A jar that passes the update's checks (it opens, names a Main-Class) but whose JVM dies at once: exit 1. */
    private static byte[] crashingJar() throws IOException {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.furrow.agent.NoSuchMain");
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("a broken agent version".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar.toByteArray();
    }

    /** Waits until an agent other than {@code previousPid} answers on {@code port}; returns its pid. */
    private static long awaitAgent(int port, long previousPid, Process supervisor, Path output) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!supervisor.isAlive()) {
                throw new AssertionError("the supervisor exited with " + supervisor.exitValue() + ": " + Files.readString(output));
            }
            try {
                JsonNode status = Json.mapper().readTree(get(port, "/status"));
                long pid = status.get("pid").asLong();
                if (pid != previousPid) {
                    return pid;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new agent answered within 60 s: " + Files.readString(output));
    }

    /** An update of the built agent jar with a marker entry, zipped like the master serves it. */
    private static byte[] updateZip(String version) throws IOException {
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(AgentProcess.JAR));
             ZipOutputStream out = new ZipOutputStream(jar)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(MARKER));
            out.write(version.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zipHolding(jar.toByteArray());
    }

    /** A zip like the master serves: a directory holding {@code jar} as furrow-render-agent.jar. */
    private static byte[] zipHolding(byte[] jar) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("furrow-render-agent-update/furrow-render-agent.jar"));
            out.write(jar);
            out.closeEntry();
        }
        return zip.toByteArray();
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> post(int port, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
