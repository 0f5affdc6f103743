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

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/** {@code start}: runs the agent in the foreground (--no-daemon) or as a background process. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "starts the agent")
final class StartCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--no-daemon"}, description = "run in the foreground instead of in the background")
    boolean noDaemon;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = SettingOptions.load(spec);
        Pidfile pidfile = new Pidfile(config.pidfile());
        Optional<ProcessHandle> running = pidfile.runningProcess();
        if (running.isPresent()) {
            spec.commandLine().getErr().printf("an agent is already running as process %d (pidfile %s); "
                    + "stop it first or pass another --pidfile%n", running.get().pid(), config.pidfile());
            return 1;
        }
        return noDaemon ? runInForeground(config, pidfile) : startInBackground(config, pidfile);
    }

    private int runInForeground(AgentConfig config, Pidfile pidfile) throws InterruptedException {
        AgentUser.checkForeground(config);
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
        IntConsumer exit = code -> new Thread(() -> System.exit(code), "agent-stop").start();
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
        command.add(self.command().orElse(javaExecutable()));
        command.addAll(List.of(self.arguments().orElseThrow(() -> new IllegalStateException(
                "cannot read this process's command line to restart it; start the agent again by hand"))));
        Path log = logOf(config);
        try {
            Process process = Detached.start(command, null, log, Map.of());
            LOG.info("restarting: the new agent is process {}, logging to {}", process.pid(), log);
        } catch (IOException e) {
            LOG.error("could not start the agent again ({}); start it by hand with: {}", e.getMessage(),
                    String.join(" ", command));
        }
    }

    /**
     * Starts this same command with --no-daemon as a detached process (as --uid / --gid, in --chdir) logging to
     * --log, and waits for its API.
     */
    private int startInBackground(AgentConfig config, Pidfile pidfile) throws IOException, InterruptedException {
        Optional<AgentUser> user = AgentUser.of(config);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(AgentJvmOptions.load());
        command.addAll(List.of("-cp", absoluteClassPath(), AgentCommand.class.getName()));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        command.add("--no-daemon");
        Path log = logOf(config);
        Process process = Detached.start(user.map(u -> u.wrap(command)).orElse(command), Chdir.directory(config), log,
                user.map(u -> u.account().loginEnvironment()).orElse(Map.of()));
        if (!new AgentApi(config.port()).awaitUp(process)) {
            spec.commandLine().getErr().println("the agent did not come up (see " + log + ")");
            return 1;
        }
        long pid = pidfile.runningProcess().map(ProcessHandle::pid).orElse(process.pid());
        System.out.println("agent started in the background as process " + pid + ", logging to " + log);
        return 0;
    }

    /** Where a background agent's output goes: --log, else agent.log next to the pidfile. */
    static Path logOf(AgentConfig config) {
        return config.log() != null ? config.log() : config.pidfile().resolveSibling("agent.log");
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Absolute, so that --chdir does not lose the jar. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
