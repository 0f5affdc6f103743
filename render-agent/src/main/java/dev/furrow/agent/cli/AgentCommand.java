package dev.furrow.agent.cli;

import dev.furrow.agent.Agent;
import dev.furrow.agent.config.ConfigLoader;
import dev.furrow.agent.supervisor.Supervisor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code furrow-render-agent start|stop|status}: PyFarm's pyfarm-agent command line. */
@Command(name = "furrow-render-agent", mixinStandardHelpOptions = true, version = "furrow-render-agent " + Agent.VERSION,
        description = "The Furrow render agent: runs the tasks the master assigns to this machine.",
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, SuperviseCommand.class})
public final class AgentCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new AgentCommand());
        for (CommandLine sub : line.getSubcommands().values()) {
            SettingOptions.addTo(sub.getCommandSpec());
        }
        // A configuration the agent cannot run with gets its own exit code, so a supervisor does not retry it.
        line.setExecutionExceptionHandler((exception, command, parseResult) -> {
            command.getErr().println("furrow-render-agent: " + exception.getMessage());
            return exception instanceof ConfigLoader.InvalidConfig ? Supervisor.CONFIG_ERROR_EXIT_CODE : 2;
        });
        return line;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name an operation: start, stop, status or supervise");
    }
}
