package dev.furrow.agent.supervisor;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.update.StagedUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PyFarm's pyfarm-supervisor: runs the agent ({@code java -jar <agent jar> start --no-daemon ...}) as a child
 * process and keeps it running. When the child exits it decides what happens next:
 * an update staged by POST /api/v1/update is swapped in over the agent jar and started at once; exit code
 * {@link #RESTART_EXIT_CODE} (POST /api/v1/restart) starts it again at once; exit 0 (POST /api/v1/stop, the
 * {@code stop} command) ends the supervisor too; anything else (a signal, a JVM crash, an error) is a crash,
 * restarted after a backoff until the {@link RestartBudget} is spent.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Set in the child's environment; the agent then leaves restarts and updates to its supervisor. */
    public static final String SUPERVISED_ENV = "FURROW_AGENT_SUPERVISED";
    /** The agent's exit code for "start me again" (EX_TEMPFAIL). */
    public static final int RESTART_EXIT_CODE = 75;

    private final AgentConfig config;
    private final Path agentJar;
    private final List<String> jvmArgs;
    private final List<String> agentArgs;
    private final java.io.File workingDirectory;
    private final RestartBudget budget;
    private volatile Process child;
    private volatile boolean stopping;

    /**
     * @param agentJar  the jar the child runs and updates replace
     * @param jvmArgs   JVM flags for the child
     * @param agentArgs the agent's options, passed to {@code start --no-daemon} as given to {@code supervise}
     * @param workingDirectory where the agent runs (--chdir); null = the supervisor's own
     */
    public Supervisor(AgentConfig config, Path agentJar, List<String> jvmArgs, List<String> agentArgs,
                      java.io.File workingDirectory) {
        this.workingDirectory = workingDirectory;
        this.config = config;
        this.agentJar = agentJar;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.agentArgs = List.copyOf(agentArgs);
        this.budget = new RestartBudget(config.supervisorMaxRestarts(), config.supervisorRestartWindow());
    }

    /** Whether this JVM is an agent started by a supervisor. */
    public static boolean supervisesThisProcess() {
        return "1".equals(System.getenv(SUPERVISED_ENV));
    }

    /** Runs the agent until it is stopped on purpose (returns 0) or crashes too often (returns 1). */
    public int run() throws InterruptedException {
        while (true) {
            Process process = startChild();
            int code = process.waitFor();
            if (stopping) {
                return 0;
            }
            Optional<StagedUpdate> update = StagedUpdate.in(config.updatesDir());
            if (update.isPresent()) {
                apply(update.get());
                continue;
            }
            if (code == RESTART_EXIT_CODE) {
                LOG.info("the agent asked to be restarted; starting it again");
                continue;
            }
            if (code == 0) {
                LOG.info("the agent was stopped on purpose; the supervisor stops too");
                return 0;
            }
            Optional<Duration> delay = budget.crashed(Instant.now());
            if (delay.isEmpty()) {
                LOG.error("the agent crashed {} times within {} s (last exit code {}); giving up. Look at its log, then "
                        + "start the supervisor again", budget.crashesInWindow(),
                        config.supervisorRestartWindow().toSeconds(), code);
                return 1;
            }
            LOG.warn("the agent exited with code {}; restarting it in {} s", code, delay.get().toMillis() / 1000.0);
            Thread.sleep(delay.get().toMillis());
            if (stopping) {
                return 0;
            }
        }
    }

    private Process startChild() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", agentJar.toString(), "start", "--no-daemon"));
        command.addAll(agentArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory).inheritIO();
        builder.environment().put(SUPERVISED_ENV, "1");
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
        LOG.info("started the agent as process {} from {}", child.pid(), agentJar);
        return child;
    }

    /** Copies the staged jar next to the agent jar, then renames it over (the running JVMs keep the old inode). */
    private void apply(StagedUpdate update) {
        Path part = agentJar.resolveSibling(agentJar.getFileName() + ".update");
        try {
            Files.copy(update.jar(), part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, agentJar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap the update " + update.jar() + " in over " + agentJar + " ("
                    + e.getMessage() + "); the agent jar's directory must be writable by the supervisor", e);
        }
        update.discard();
        LOG.info("applied agent update {} to {}; starting it", update.version(), agentJar);
    }

    /** SIGTERM / Ctrl-C of the supervisor: stops the agent cleanly (TERM, KILL after the shutdown timeout). */
    public void shutdown() throws InterruptedException {
        stopping = true;
        Process process = child;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        long patience = config.shutdownTimeout().plusSeconds(10).toMillis();
        if (!process.waitFor(patience, TimeUnit.MILLISECONDS)) {
            LOG.warn("the agent did not stop within {} ms after TERM; killing it", patience);
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
