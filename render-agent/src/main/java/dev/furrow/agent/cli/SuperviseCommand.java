package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.supervisor.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code supervise}: PyFarm's pyfarm-supervisor. Runs {@code start --no-daemon} with the same options as a child
 * process from the jar this command runs from, restarts it when it dies and swaps in updates it staged. Runs in
 * the foreground (under systemd or similar).
 */
@Command(name = "supervise", mixinStandardHelpOptions = true,
        description = "runs the agent as a child process, restarts it when it dies and applies its updates")
final class SuperviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = SettingOptions.load(spec);
        if (config.log() != null) {
            AgentLogFile.attach(config.log().resolveSibling("supervisor.log"));
        }
        Supervisor supervisor = new Supervisor(config, thisJar(), StartCommand.SMALL_FOOTPRINT_JVM, agentArgs(),
                Chdir.directory(config));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                supervisor.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "supervisor-shutdown"));
        return supervisor.run();
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
        return location;
    }
}
