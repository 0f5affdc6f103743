package dev.furrow.agent.supervisor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the supervisor starts the agent: {@code javaCommand} (java and its flags, behind setpriv for --uid / --gid)
 * {@code -jar <agent jar> start --no-daemon} and {@code agentArgs}, with {@code environment} added, in
 * {@code workingDirectory} (null = the supervisor's own).
 */
public record AgentLaunch(List<String> javaCommand, Map<String, String> environment, List<String> agentArgs,
                          File workingDirectory) {

    public AgentLaunch {
        javaCommand = List.copyOf(javaCommand);
        environment = Map.copyOf(environment);
        agentArgs = List.copyOf(agentArgs);
    }

    ProcessBuilder builder(Path agentJar) {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of("-jar", agentJar.toString(), "start", "--no-daemon"));
        command.addAll(agentArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory).inheritIO();
        builder.environment().putAll(environment);
        builder.environment().put(Supervisor.SUPERVISED_ENV, "1");
        return builder;
    }
}
