package dev.furrow.farm.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One running child process whose output (stdout and stderr) is copied line by line to the farm's console, each
 * line prefixed with {@code [name]}. Children run in a session of their own so that a Ctrl-C in the terminal
 * reaches only the farm, which then stops them in order.
 */
public final class ChildProcess {

    private static final int REMEMBERED_LINES = 40;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final ChildLaunch launch;
    private final Process process;
    private final PrintStream console;
    private final Deque<String> recentLines = new ArrayDeque<>();
    private final Thread outputCopier;
    private volatile boolean readyLineSeen;

    private ChildProcess(ChildLaunch launch, Process process, PrintStream console) {
        this.launch = launch;
        this.process = process;
        this.console = console;
        this.outputCopier = new Thread(this::copyOutput, "output-of-" + launch.name());
        this.outputCopier.setDaemon(true);
    }

    public static ChildProcess start(ChildLaunch launch, PrintStream console) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name() + " (" + String.join(" ", launch.command()) + ")", e);
        }
        ChildProcess child = new ChildProcess(launch, process, console);
        child.outputCopier.start();
        return child;
    }

    public String name() {
        return launch.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean hasPrintedReadyLine() {
        return readyLineSeen;
    }

    /**
     * Waits until the child meets its {@link Readiness}; fails with the child's last output lines if it exits
     * first or the time runs out, and as soon as {@code abandon} says the farm is stopping.
     */
    public void awaitReady(Duration timeout, BooleanSupplier abandon) {
        Instant deadline = Instant.now().plus(timeout);
        while (!launch.readiness().isMetBy(this)) {
            if (abandon.getAsBoolean()) {
                throw new NotReady(name() + " was still starting when the farm was asked to stop");
            }
            if (!process.isAlive()) {
                awaitOutputCopied();
                throw new NotReady(name() + " exited with code " + process.exitValue()
                        + " before it was ready. Its last output:\n" + recentOutput());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new NotReady(name() + " was not ready within " + timeout.toSeconds() + " s (waited for "
                        + launch.readiness() + "). Its last output:\n" + recentOutput());
            }
            pause(Duration.ofMillis(250));
        }
    }

    /**
     * Asks the child to stop (SIGTERM) and waits up to {@code grace}; then kills it and every process it started.
     * Returns the exit code.
     */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            List<ProcessHandle> descendants = process.descendants().toList();
            // Through the handle: Process.destroy() would also close the pipe and lose the child's last words.
            process.toHandle().destroy();
            if (!waitFor(grace)) {
                console.println("[farm] " + name() + " did not stop within " + grace.toSeconds() + " s; killing it");
                process.toHandle().destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
                waitFor(Duration.ofSeconds(10));
                descendants.forEach(descendant -> awaitGone(descendant, Duration.ofSeconds(5)));
            }
        }
        awaitOutputCopied();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last lines the child printed, oldest first. */
    public String recentOutput() {
        synchronized (recentLines) {
            return String.join("\n", recentLines);
        }
    }

    private void copyOutput() {
        var readiness = launch.readiness();
        String prefix = "[" + name() + "] ";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.println(prefix + line);
                remember(line);
                if (readiness instanceof Readiness.PrintedLine printed && line.contains(printed.marker())) {
                    readyLineSeen = true;
                }
            }
        } catch (IOException e) {
            console.println("[farm] lost the output of " + name() + ": " + e.getMessage());
        }
    }

    private void remember(String line) {
        synchronized (recentLines) {
            if (recentLines.size() == REMEMBERED_LINES) {
                recentLines.removeFirst();
            }
            recentLines.addLast(line);
        }
    }

    private void awaitOutputCopied() {
        try {
            outputCopier.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean waitFor(Duration duration) {
        try {
            return process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void awaitGone(ProcessHandle handle, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        try {
            while (handle.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted while waiting for a child process to get ready");
        }
    }

    /** A child did not get ready; the message says why and shows what it printed. */
    public static final class NotReady extends RuntimeException {
        public NotReady(String message) {
            super(message);
        }
    }
}
