package dev.furrow.agent.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real agent jar started as a process (start --no-daemon), with its output in a file for post-mortems. */
public final class AgentProcess implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("furrow.root", "/work/main"),
            "render-agent", "target", "furrow-render-agent.jar");
    /** The JVM flags the agent's build ships (a java argument file next to the jar), as an installed agent runs. */
    public static final List<String> SHIPPED_JVM_FLAGS = List.of("@" + JAR.resolveSibling("furrow-render-agent.jvm-options"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path output;

    private AgentProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Runs {@code java [jvmArgs] -jar agent.jar <args>} with {@code env} added and returns its exit code. */
    public static ProcessResult run(List<String> args, Map<String, String> env, Path dir) throws Exception {
        Path out = Files.createTempFile(dir, "agent-cli-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(List.of(), args)).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent command " + args + " did not finish: " + Files.readString(out));
        }
        return new ProcessResult(process.exitValue(), Files.readString(out));
    }

    /** What a finished command printed and returned. */
    public record ProcessResult(int exitCode, String output) {
    }

    /** Starts an agent and waits until GET /api/v1/status answers 200. */
    public static AgentProcess start(List<String> jvmArgs, List<String> args, Map<String, String> env, int port, Path dir)
            throws Exception {
        Path out = Files.createTempFile(dir, "agent-", ".log");
        List<String> full = new ArrayList<>(List.of("start", "--no-daemon", "--port", Integer.toString(port)));
        full.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command(jvmArgs, full)).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        AgentProcess agent = new AgentProcess(builder.start(), port, out);
        agent.awaitReady();
        return agent;
    }

    private static List<String> command(List<String> jvmArgs, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the agent exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (get("/status").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the agent's API did not answer within 60 s: " + output());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the agent runs nothing (GET /tasks/ is empty). */
    public void awaitIdle() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (dev.furrow.messages.Json.mapper().readTree(get("/tasks/").body()).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent is still busy: " + get("/tasks/").body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1" + path);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    /** Sends TERM (like Ctrl-C or a service manager) and waits for the exit; returns the exit code. */
    public int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the agent did not exit within " + patience.toSeconds() + " s after TERM: " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** A free TCP port on loopback. */
    public static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
