package dev.furrow.agent.software;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.process.ProcessEnvironment;
import dev.furrow.agent.process.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * PyFarm's check_software: fetches a software version's discovery code from the master
 * ({@code GET <master-api>/software/<name>/versions/<version>/code}), runs it on this node in the background and
 * tells the master the result: {@code POST <master-api>/agents/<id>/software/} when the version is present,
 * {@code DELETE <master-api>/agents/<id>/software/<name>/versions/<version>} when it is not.
 */
public final class SoftwareChecks {

    private static final Logger LOG = LoggerFactory.getLogger(SoftwareChecks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_OUTPUT = 1024 * 1024;

    private final AgentConfig config;
    private final String masterApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "check-software");
        thread.setDaemon(true);
        return thread;
    });

    public SoftwareChecks(AgentConfig config) {
        this.config = config;
        this.masterApi = config.masterApi() == null ? null : config.masterApi().replaceAll("/+$", "");
    }

    /**
     * Fetches and parses the discovery code now (throws {@link Unavailable} saying why it cannot be had), then runs
     * it and reports the result in the background.
     */
    public void check(String software, String version) throws InterruptedException {
        DiscoveryCode code = fetch(software, version);
        runner.submit(() -> {
            try {
                boolean found = run(code);
                LOG.info("{} {} is {} on this agent", software, version, found ? "installed" : "not installed");
                report(software, version, found);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.error("checking {} {} failed: {}", software, version, e.toString());
            }
        });
    }

    private DiscoveryCode fetch(String software, String version) throws InterruptedException {
        if (masterApi == null) {
            throw new Unavailable("the agent has no --master-api to fetch discovery code from");
        }
        URI uri = URI.create(masterApi + "/software/" + segment(software) + "/versions/" + segment(version) + "/code");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("cannot fetch " + uri + ": " + e);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return DiscoveryCode.parse(response.body(), software, version);
        } catch (IllegalArgumentException e) {
            throw new Unavailable(software + " " + version + ": " + e.getMessage());
        }
    }

    /** Runs the command with the processes' environment; output goes through a file so it cannot block it. */
    private boolean run(DiscoveryCode code) throws IOException, InterruptedException {
        ProcessEnvironment environment = ProcessEnvironment.of(config);
        Map<String, String> variables = environment.build(Map.of());
        List<String> command = code.command().stream().map(argument -> environment.expand(argument, variables)).toList();
        Path output = Files.createTempFile("furrow-check-software-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(variables);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                LOG.info("discovery command {} cannot start ({}): taken as not installed", command, e.getMessage());
                return false;
            }
            if (!process.waitFor(code.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                new ProcessTree(process.toHandle()).kill();
                LOG.warn("discovery command {} ran longer than {} s and was killed: taken as not installed",
                        command, code.timeout().toSeconds());
                return false;
            }
            try (InputStream in = Files.newInputStream(output)) {
                return code.found(process.exitValue(), new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private void report(String software, String version, boolean found) throws IOException, InterruptedException {
        UUID agentId = config.agentId();
        HttpRequest request;
        if (found) {
            String body = dev.furrow.messages.Json.mapper().writeValueAsString(Map.of("software", software, "version", version));
            request = HttpRequest.newBuilder(URI.create(masterApi + "/agents/" + agentId + "/software/")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } else {
            request = HttpRequest.newBuilder(URI.create(masterApi + "/agents/" + agentId + "/software/" + segment(software)
                    + "/versions/" + segment(version))).timeout(TIMEOUT).DELETE().build();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // 404 on DELETE: the master never listed it here, which is the state we wanted.
        if (response.statusCode() >= 300 && !(response.statusCode() == 404 && !found)) {
            LOG.error("the master refused the software report {} {} {}: {} {}", software, version,
                    found ? "installed" : "not installed", response.statusCode(), response.body());
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The discovery code cannot be had; the message says why. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
