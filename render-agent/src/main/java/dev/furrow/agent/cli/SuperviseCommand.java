package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.supervisor.AgentLaunch;
import dev.furrow.agent.supervisor.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code supervise}: PyFarm's pyfarm-supervisor. Runs {@code start --no-daemon} with the same options as a child
 * process from the jar this command runs from (as --uid / --gid, in --chdir), restarts it when it dies, swaps in
 * updates it staged and rolls back updates that keep crashing. Goes to the background unless --no-daemon (under
 * systemd), keeping its own pid in --supervisor-pidfile.
 */
@Command(name = "supervise", mixinStandardHelpOptions = true,
        description = "runs the agent as a child process, restarts it when it dies and applies its updates")
final class SuperviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--no-daemon"}, description = "run in the foreground instead of in the background")
    boolean noDaemon;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = SettingOptions.load(spec);
        Pidfile pidfile = new Pidfile(config.supervisorPidfile());
        Optional<ProcessHandle> running = pidfile.runningProcess();
        if (running.isPresent()) {
            spec.commandLine().getErr().printf("a supervisor is already running as process %d (%s); stop its agent "
                    + "first or pass another --supervisor-pidfile%n", running.get().pid(), config.supervisorPidfile());
            return 1;
        }
        Path jar = thisJar();
        return noDaemon ? superviseInForeground(config, pidfile, jar) : startInBackground(config, pidfile, jar);
    }

    private int superviseInForeground(AgentConfig config, Pidfile pidfile, Path jar) throws InterruptedException {
        if (config.log() != null) {
            AgentLogFile.attach(supervisorLog(config));
        }
        Optional<AgentUser> user = AgentUser.of(config);
        List<String> java = new ArrayList<>(List.of(StartCommand.javaExecutable()));
        java.addAll(AgentJvmOptions.load());
        AgentLaunch launch = new AgentLaunch(user.map(u -> u.wrap(java)).orElse(java),
                user.map(u -> u.account().loginEnvironment()).orElse(Map.of()), agentArgs(), Chdir.directory(config));
        Supervisor supervisor = new Supervisor(config, jar, launch);
        pidfile.write(ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                supervisor.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pidfile.delete();
        }, "supervisor-shutdown"));
        return supervisor.run();
    }

    /**
     * Starts this same command with --no-daemon as a detached process whose output (its own log and the agent's
     * console) goes to supervisor.log next to --log (or to the supervisor pidfile); waits for the agent's API.
     */
    private int startInBackground(AgentConfig config, Pidfile pidfile, Path jar) throws Exception {
        AgentUser.of(config); // refuses an unknown or unswitchable --uid / --gid here rather than in the background
        List<String> command = new ArrayList<>(List.of(StartCommand.javaExecutable()));
        command.addAll(AgentJvmOptions.load());
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        command.add("--no-daemon");
        Path log = supervisorLog(config);
        Process process = Detached.start(command, null, log, Map.of());
        if (!new AgentApi(config.port()).awaitUp(process)) {
            spec.commandLine().getErr().println("the supervised agent did not come up (see " + log + ")");
            return 1;
        }
        long pid = pidfile.runningProcess().map(ProcessHandle::pid).orElse(process.pid());
        System.out.println("supervisor started in the background as process " + pid + ", logging to " + log);
        return 0;
    }

    private static Path supervisorLog(AgentConfig config) {
        return (config.log() != null ? config.log() : config.supervisorPidfile()).resolveSibling("supervisor.log");
    }

    /** The options after {@code supervise}, for the agent's {@code start --no-daemon}. */
    private List<String> agentArgs() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int at = original.indexOf("supervise");
        List<String> args = new ArrayList<>(original.subList(at + 1, original.size()));
        args.removeAll(List.of("-n", "--no-daemon"));
        return args;
    }

    private static Path thisJar() throws URISyntaxException {
        Path location = Path.of(SuperviseCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!location.toString().endsWith(".jar")) {
            throw new IllegalStateException("supervise runs the agent from its jar; start it with java -jar "
                    + "furrow-render-agent.jar supervise ... (it runs from " + location + ")");
        }
        return location.toAbsolutePath();
    }
}
