package dev.furrow.agent.jobtype;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** How to run one task: the command line, the extra environment (over the agent's), and how to read the result. */
public record ProcessSpec(List<String> command, Map<String, String> environment, ProgressParser progress,
                          Set<Integer> successCodes) {

    public boolean succeeded(int exitCode) {
        return successCodes.contains(exitCode);
    }
}
