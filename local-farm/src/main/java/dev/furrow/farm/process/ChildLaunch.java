package dev.furrow.farm.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one child process: the name its output is prefixed with, its command line, its whole
 * environment (nothing is inherited beyond it), its working directory and how to tell it is ready.
 */
public record ChildLaunch(
        String name, List<String> command, Map<String, String> environment, Path workingDirectory, Readiness readiness) {

    public ChildLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
