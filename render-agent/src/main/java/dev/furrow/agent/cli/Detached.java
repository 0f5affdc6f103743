package dev.furrow.agent.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a process that outlives the command that starts it (PyFarm's daemon mode): in a session of its own
 * ({@code setsid}, when the system has it, so that closing the terminal does not hang it up), reading nothing, its
 * output appended to a log file.
 */
final class Detached {

    private Detached() {
    }

    /** {@code directory} null = this process's own; {@code environment} is added to this process's. */
    static Process start(List<String> command, File directory, Path log, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> full = new ArrayList<>();
        if (onPath("setsid")) {
            full.add("setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(directory)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
