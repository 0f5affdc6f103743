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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PyFarm's pyfarm-supervisor: runs the agent ({@code java -jar <agent jar> start --no-daemon ...}) as a child
 * process and keeps it running. When the child exits it decides what happens next:
 * an update staged by POST /api/v1/update is swapped in over the agent jar (the jar it replaces is kept as
 * {@code <jar>.previous}) and started at once; exit code {@link #RESTART_EXIT_CODE} (POST /api/v1/restart) starts it
 * again at once; exit 0 (POST /api/v1/stop, the {@code stop} command) ends the supervisor too; anything else (a
 * signal, a JVM crash, an error) is a crash, restarted after a backoff until the {@link RestartBudget} is spent.
 * A new update that keeps crashing ({@link UpdateProbation}) is rolled back to the previous jar.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Set in the child's environment; the agent then leaves restarts and updates to its supervisor. */
    public static final String SUPERVISED_ENV = "FURROW_AGENT_SUPERVISED";
    /** The agent's exit code for "start me again" (EX_TEMPFAIL). */
    public static final int RESTART_EXIT_CODE = 75;
    /** The agent's exit code for "my configuration is wrong (or the master refuses me); restarting will not help" (EX_CONFIG). */
    public static final int CONFIG_ERROR_EXIT_CODE = 78;

    private final AgentConfig config;
    private final Path agentJar;
    private final Path previousJar;
    private final AgentLaunch launch;
    private final RestartBudget budget;
    private final UpdateProbation probation;
    private volatile Process child;
    private volatile boolean stopping;

    /** {@code agentJar}: the jar the child runs and updates replace. */
    public Supervisor(AgentConfig config, Path agentJar, AgentLaunch launch) {
        this.config = config;
        this.agentJar = agentJar;
        this.previousJar = agentJar.resolveSibling(agentJar.getFileName() + ".previous");
        this.launch = launch;
        this.budget = new RestartBudget(config.supervisorMaxRestarts(), config.supervisorRestartWindow());
        this.probation = new UpdateProbation(config.supervisorRollbackCrashes(), config.supervisorRestartWindow());
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
            if (code == CONFIG_ERROR_EXIT_CODE && probation.version() == null) {
                LOG.error("the agent refuses to run with its configuration (exit code {}, see its log above); the "
                        + "supervisor stops too: fix the configuration, then start it again", code);
                return CONFIG_ERROR_EXIT_CODE;
            }
            Instant now = Instant.now();
            Optional<Duration> delay = budget.crashed(now);
            if (probation.crashedAndFailed(now, delay.isEmpty())) {
                rollBack(code);
                continue;
            }
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
        ProcessBuilder builder = launch.builder(agentJar);
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent (" + String.join(" ", builder.command()) + "): "
                    + e.getMessage(), e);
        }
        LOG.info("started the agent as process {} from {}", child.pid(), agentJar);
        return child;
    }

    /** Keeps the current jar as the previous one, then puts the staged jar in its place. */
    private void apply(StagedUpdate update) {
        replace(agentJar, previousJar, "keep the current agent jar as " + previousJar);
        replace(update.jar(), agentJar, "swap the update " + update.jar() + " in over " + agentJar);
        update.discard();
        probation.applied(update.version(), Instant.now());
        LOG.info("applied agent update {} to {} (the jar it replaced is kept as {}); starting it", update.version(),
                agentJar, previousJar);
    }

    /** The update on trial kept crashing: the previous jar goes back in place and gets a fresh restart budget. */
    private void rollBack(int lastExitCode) {
        replace(previousJar, agentJar, "put the previous agent jar " + previousJar + " back in place of " + agentJar);
        LOG.error("agent update {} crashed {} times within {} s of being applied (last exit code {}); rolled back to "
                + "the previous jar and starting it. Publish a fixed version before updating this agent again",
                probation.version(), probation.crashes(), config.supervisorRestartWindow().toSeconds(), lastExitCode);
        probation.ended();
        budget.forget();
    }

    /** Copies {@code from} next to {@code to}, then renames it over (running JVMs keep the old inode). */
    private static void replace(Path from, Path to, String what) {
        Path part = to.resolveSibling(to.getFileName() + ".part");
        try {
            Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + what + " (" + e.getMessage()
                    + "); the agent jar's directory must be writable by the supervisor", e);
        }
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
