package dev.furrow.agent.jobtype;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run one task: the command line, the extra environment (over the agent's), how to read the result, the
 * working directory (null = the assignment's scratch directory) and the job type's hooks around the process.
 */
public record ProcessSpec(List<String> command, Map<String, String> environment, ProgressParser progress,
                          Set<Integer> successCodes, Path workingDirectory, TaskHooks hooks) {

    public ProcessSpec(List<String> command, Map<String, String> environment, ProgressParser progress,
                       Set<Integer> successCodes) {
        this(command, environment, progress, successCodes, null, TaskHooks.NONE);
    }

    public boolean succeeded(int exitCode) {
        return hooks.succeeded(exitCode).orElseGet(() -> successCodes.contains(exitCode));
    }

    public ProcessSpec with(List<String> newCommand, Map<String, String> newEnvironment, Path newWorkingDirectory) {
        return new ProcessSpec(newCommand, newEnvironment, progress, successCodes, newWorkingDirectory, hooks);
    }
}
