package dev.furrow.agent.cli;

import dev.furrow.agent.Agent;
import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.supervisor.Supervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code start}: runs the agent in the foreground (--no-daemon) or as a background process. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "starts the agent")
final class StartCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);
    private static final Duration DAEMON_START_PATIENCE = Duration.ofMinutes(3);
    /**
     * JVM flags that keep an idle agent near 125 MB resident instead of ~160 MB with the defaults on a big machine
     * (most of the difference is G1's bookkeeping for a heap sized from the machine's ram, not the agent's data).
     */
    static final List<String> SMALL_FOOTPRINT_JVM = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx128m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m");

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--no-daemon"}, description = "run in the foreground instead of in the background")
    boolean noDaemon;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = SettingOptions.load(spec);
        Pidfile pidfile = new Pidfile(config.pidfile());
        if (pidfile.runningAgent().isPresent()) {
            spec.commandLine().getErr().printf("an agent is already running as process %d (pidfile %s); "
                    + "stop it first or pass another --pidfile%n", pidfile.runningAgent().get().pid(), config.pidfile());
            return 1;
        }
        return noDaemon ? runInForeground(config, pidfile) : startInBackground(config, pidfile);
    }

    private int runInForeground(AgentConfig config, Pidfile pidfile) throws InterruptedException {
        if (config.chdir() != null && !config.chdir().toAbsolutePath().equals(Path.of("").toAbsolutePath())) {
            LOG.warn("--chdir {} applies to `start` in the background and to `supervise`; this foreground agent runs "
                    + "in {}", config.chdir(), Path.of("").toAbsolutePath());
        }
        if (config.log() != null) {
            AgentLogFile.attach(config.log());
        }
        pidfile.write(ProcessHandle.current().pid());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean restart = new AtomicBoolean();
        boolean supervised = Supervisor.supervisesThisProcess();
        java.util.function.IntConsumer exit = code -> {
            Thread thread = new Thread(() -> System.exit(code), "agent-stop");
            thread.start();
        };
        Agent agent;
        try {
            // Under a supervisor a restart is the supervisor's job: exit with the code that asks for one.
            agent = Agent.start(config, () -> exit.accept(0), () -> {
                restart.set(!supervised);
                exit.accept(supervised ? Supervisor.RESTART_EXIT_CODE : 0);
            });
        } catch (RuntimeException e) {
            pidfile.delete();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.shutdown();
            pidfile.delete();
            if (restart.get()) {
                startAgain(config);
            }
            stopped.countDown();
        }, "agent-shutdown"));
        System.out.println("Furrow render-agent ready: " + agent.agentId() + " on port " + config.port());
        stopped.await();
        return 0;
    }

    /**
     * POST /api/v1/restart, after the clean shutdown: runs this process's exact command line again (same java,
     * JVM flags and arguments) as a new background process whose output goes to --log (default agent.log next to
     * the pidfile). The new agent takes the same pidfile, port and queue.
     */
    private static void startAgain(AgentConfig config) {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> command = new ArrayList<>();
        command.add(self.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(self.arguments().orElseThrow(() -> new IllegalStateException(
                "cannot read this process's command line to restart it; start the agent again by hand"))));
        Path log = config.log() != null ? config.log() : config.pidfile().resolveSibling("agent.log");
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            LOG.info("restarting: the new agent is process {}, logging to {}", process.pid(), log);
        } catch (IOException e) {
            LOG.error("could not start the agent again ({}); start it by hand with: {}", e.getMessage(),
                    String.join(" ", command));
        }
    }

    /** Starts this same command with --no-daemon as a detached process logging to --log, and waits for its API. */
    private int startInBackground(AgentConfig config, Pidfile pidfile) throws IOException, InterruptedException {
        Path log = config.log() != null ? config.log() : config.pidfile().resolveSibling("agent.log");
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SMALL_FOOTPRINT_JVM);
        // absolute, so that --chdir does not lose the jar
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        command.addAll(List.of("-cp", classPath, AgentCommand.class.getName()));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        command.add("--no-daemon");
        Process process = new ProcessBuilder(command)
                .directory(Chdir.directory(config))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        AgentApi api = new AgentApi(config.port());
        Instant deadline = Instant.now().plus(DAEMON_START_PATIENCE);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (answers(api)) {
                System.out.println("agent started in the background as process " + process.pid() + ", logging to " + log);
                return 0;
            }
            Thread.sleep(250);
        }
        spec.commandLine().getErr().println("the agent did not come up (see " + log + ")");
        return 1;
    }

    private static boolean answers(AgentApi api) throws InterruptedException {
        try {
            return api.get("/status").statusCode() == 200;
        } catch (IOException notYet) {
            LOG.debug("agent API not answering yet: {}", notYet.toString());
            return false;
        }
    }
}
