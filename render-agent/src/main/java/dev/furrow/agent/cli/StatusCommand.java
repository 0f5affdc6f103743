package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code status}: exit 0 and print the agent's status if it runs (pidfile + API), exit 1 if it does not. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "query the 'running' state of the agent")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig config = SettingOptions.load(spec);
        Optional<ProcessHandle> agent = new Pidfile(config.pidfile()).runningProcess();
        if (agent.isEmpty()) {
            System.out.println("agent is not running (no live process in " + config.pidfile() + ")");
            return 1;
        }
        try {
            HttpResponse<String> status = new AgentApi(config.port()).get("/status");
            System.out.println("agent is running as process " + agent.get().pid());
            new Pidfile(config.supervisorPidfile()).runningProcess().ifPresent(supervisor ->
                    System.out.println("supervised by process " + supervisor.pid()));
            System.out.println(status.body());
            return status.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.out.println("agent process " + agent.get().pid() + " is alive but its API on port " + config.port()
                    + " does not answer (" + e.getMessage() + ")");
            return 1;
        }
    }
}
