package dev.furrow.bench.farm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One component started as a child JVM, its output going to a log file in the run's directory (so that a busy
 * worker's log does not disturb the measurements on the console). Same approach as the local farm's
 * ChildProcess: own session via setsid, SIGTERM then kill of the whole tree.
 */
public final class Child {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Child start(String name, List<String> command, Map<String, String> environment, Path log) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("FURROW_"));
        builder.environment().putAll(environment);
        try {
            return new Child(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    public String name() {
        return name;
    }

    /** The pid of the component JVM itself (setsid execs it, so it keeps the pid). */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Waits until {@code ready} holds; fails with the end of the child's log if it exits or time runs out. */
    void awaitReady(Duration timeout, BooleanSupplier ready, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready. End of " + log + ":\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds()
                        + " s (waited for " + what + "). End of " + log + ":\n" + tail());
            }
            Pause.of(Duration.ofMillis(200));
        }
    }

    boolean printed(String marker) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL for it and everything it started. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.toHandle().destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroyForcibly();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
