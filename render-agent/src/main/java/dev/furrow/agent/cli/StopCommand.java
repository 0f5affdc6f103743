package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code stop}: asks the agent to stop through its API (or with TERM) and waits for it to exit unless --no-wait. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "stops the agent")
final class StopCommand implements Callable<Integer> {

    private static final Duration EXTRA_PATIENCE = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--no-wait", description = "do not wait for the agent to shut itself down")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = SettingOptions.load(spec);
        Optional<ProcessHandle> agent = new Pidfile(config.pidfile()).runningProcess();
        if (agent.isEmpty()) {
            System.out.println("agent is not running (no live process in " + config.pidfile() + ")");
            return 0;
        }
        try {
            var answer = new AgentApi(config.port(), config.apiUsername(), config.apiPassword())
                    .post("/stop", "{\"wait\": " + !noWait + "}");
            if (answer.statusCode() == 401) {
                System.out.println("the agent refused to stop: " + answer.body()
                        + "; pass the agent's --agent-api-username and --agent-api-password");
                return 1;
            }
        } catch (IOException e) {
            System.out.println("the agent's API does not answer (" + e.getMessage() + "); sending TERM to process "
                    + agent.get().pid());
            agent.get().destroy();
        }
        if (noWait) {
            System.out.println("agent process " + agent.get().pid() + " is stopping");
            return 0;
        }
        Duration patience = config.shutdownTimeout().plus(EXTRA_PATIENCE);
        try {
            agent.get().onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("agent process " + agent.get().pid() + " did not exit within " + patience.toSeconds() + " s");
            return 1;
        }
        System.out.println("agent stopped");
        return 0;
    }
}
