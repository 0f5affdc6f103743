package dev.furrow.agent.software;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.master.MasterApi;
import dev.furrow.agent.process.ProcessEnvironment;
import dev.furrow.agent.process.ProcessTree;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * PyFarm's check_software: fetches a software version's discovery code from the master
 * ({@code GET <master-api>/software/<name>/versions/<version>/code}), runs it on this node in the background and
 * tells the master the result: {@code POST <master-api>/agents/<id>/software/} when the version is present,
 * {@code DELETE <master-api>/agents/<id>/software/<name>/versions/<version>} when it is not. At start the agent
 * checks every version the master has discovery code for ({@link #checkAll()}), one after the other.
 */
public final class SoftwareChecks {

    private static final Logger LOG = LoggerFactory.getLogger(SoftwareChecks.class);
    private static final int MAX_OUTPUT = 1024 * 1024;

    private final AgentConfig config;
    private final Optional<MasterApi> master;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "check-software");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code config} with the agent's id resolved. */
    public SoftwareChecks(AgentConfig config) {
        this.config = config;
        this.master = MasterApi.at(config.masterApi());
    }

    /**
     * Fetches and parses the discovery code now (throws {@link Unavailable} saying why it cannot be had), then runs
     * it and reports the result in the background.
     */
    public void check(String software, String version) throws InterruptedException {
        DiscoveryCode code = fetch(software, version);
        runner.submit(() -> runAndReport(software, version, code));
    }

    /**
     * In the background: every version of every software the master knows that has discovery code is checked and
     * reported, as at PyFarm's agent start. Does nothing without --master-api.
     */
    public void checkAll() {
        if (master.isEmpty()) {
            return;
        }
        runner.submit(() -> {
            try {
                for (JsonNode software : catalog()) {
                    for (JsonNode version : software.path("versions")) {
                        checkIfDiscoverable(software.path("software").asText(), version.path("version").asText());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | Unavailable e) {
                LOG.warn("software is not checked at start: {}", e.getMessage());
            }
        });
    }

    private JsonNode catalog() throws IOException, InterruptedException {
        HttpResponse<String> response = master.orElseThrow().get("/software/");
        if (response.statusCode() != 200) {
            throw new Unavailable("the master's software list answered " + response.statusCode());
        }
        return Json.mapper().readTree(response.body());
    }

    /** A version without discovery code (the master answers 404) is not the agent's to judge. */
    private void checkIfDiscoverable(String software, String version) throws InterruptedException {
        DiscoveryCode code;
        try {
            code = fetch(software, version);
        } catch (Unavailable e) {
            if (e.noDiscoveryCode()) {
                LOG.debug("{} {} is not checked: {}", software, version, e.getMessage());
            } else {
                LOG.warn("{} {} is not checked: {}", software, version, e.getMessage());
            }
            return;
        }
        runAndReport(software, version, code);
    }

    private void runAndReport(String software, String version, DiscoveryCode code) {
        try {
            boolean found = run(code);
            LOG.info("{} {} is {} on this agent", software, version, found ? "installed" : "not installed");
            report(software, version, found);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("checking {} {} failed: {}", software, version, e.toString());
        }
    }

    private DiscoveryCode fetch(String software, String version) throws InterruptedException {
        MasterApi api = master.orElseThrow(() -> new Unavailable("the agent has no --master-api to fetch discovery code from"));
        String path = "/software/" + MasterApi.segment(software) + "/versions/" + MasterApi.segment(version) + "/code";
        HttpResponse<String> response;
        try {
            response = api.get(path);
        } catch (IOException e) {
            throw new Unavailable("cannot fetch " + api.uri(path) + ": " + e);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(api.uri(path) + " answered " + response.statusCode() + ": " + response.body(),
                    response.statusCode() == 404);
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
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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
        MasterApi api = master.orElseThrow();
        HttpResponse<String> response = found
                ? api.post("/agents/" + agentId + "/software/", Map.of("software", software, "version", version))
                : api.delete("/agents/" + agentId + "/software/" + MasterApi.segment(software) + "/versions/"
                        + MasterApi.segment(version));
        // 404 on DELETE: the master never listed it here, which is the state we wanted.
        if (response.statusCode() >= 300 && !(response.statusCode() == 404 && !found)) {
            LOG.error("the master refused the software report {} {} {}: {} {}", software, version,
                    found ? "installed" : "not installed", response.statusCode(), response.body());
        }
    }

    /** The discovery code cannot be had; the message says why. */
    public static final class Unavailable extends RuntimeException {

        private final boolean noDiscoveryCode;

        public Unavailable(String message) {
            this(message, false);
        }

        Unavailable(String message, boolean noDiscoveryCode) {
            super(message);
            this.noDiscoveryCode = noDiscoveryCode;
        }

        /** The master has no discovery code for the version (404), rather than being unreachable or broken. */
        boolean noDiscoveryCode() {
            return noDiscoveryCode;
        }
    }
}
