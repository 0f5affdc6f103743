package dev.furrow.agent.process;

import dev.furrow.agent.jobtype.ProcessSpec;
import dev.furrow.agent.jobtype.TaskHooks;
import dev.furrow.agent.logs.CsvRow;
import dev.furrow.agent.logs.LogStreamer;
import dev.furrow.agent.logs.OutputPump;
import dev.furrow.agent.logs.TaskLog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * One running process of a task: its output pumped into the task log, the log streamed in chunks, progress
 * parsed from its lines. A job type hook that fails on a line stops the whole process tree (TERM, then KILL after
 * the grace period); the task then fails with the hook's failure. {@link #await()} returns once the process exited
 * and its whole log was sent.
 */
public final class TaskProcess {

    /** How long output of leftovers (background children still holding the pipes) is read after the process exit. */
    private static final Duration PIPE_DRAIN = Duration.ofSeconds(5);

    private final Process process;
    private final ProcessTree tree;
    private final TaskLog log;
    private final ProcessSpec spec;
    private final DoubleConsumer progress;
    private final Duration killGrace;
    private final AtomicBoolean hookFailed = new AtomicBoolean();
    private Thread stdout;
    private Thread stderr;
    private Thread streamer;

    private TaskProcess(Process process, TaskLog log, ProcessSpec spec, DoubleConsumer progress, Duration killGrace) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle());
        this.log = log;
        this.spec = spec;
        this.progress = progress;
        this.killGrace = killGrace;
    }

    /**
     * Starts {@code spec} in {@code workDir} with exactly the spec's environment (see ProcessEnvironment). Throws IOException
     * when the program cannot be started (the log then holds why, and is streamed as complete).
     */
    public static TaskProcess start(ProcessSpec spec, Path workDir, TaskLog log, boolean echoToAgentLog,
                                    DoubleConsumer progress, LogStreamer.ChunkSink chunks, Duration killGrace)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log.append(CsvRow.STDERR, ProcessHandle.current().pid(),
                    "[furrow-agent] cannot start " + spec.command() + ": " + e.getMessage());
            log.close();
            new LogStreamer(log, chunks).run();
            throw e;
        }
        process.getOutputStream().close();
        long pid = process.pid();
        TaskProcess running = new TaskProcess(process, log, spec, progress, killGrace);
        running.stdout = new OutputPump(process.getInputStream(), CsvRow.STDOUT, pid, log, echoToAgentLog,
                line -> running.onLine(CsvRow.STDOUT, line)).start("stdout-" + pid);
        running.stderr = new OutputPump(process.getErrorStream(), CsvRow.STDERR, pid, log, echoToAgentLog,
                line -> running.onLine(CsvRow.STDERR, line)).start("stderr-" + pid);
        running.streamer = new LogStreamer(log, chunks).start();
        return running;
    }

    /** The job type's hooks see the line first (and may rewrite it); progress comes from either. */
    private String onLine(int stream, String line) {
        TaskHooks.ProcessedLine processed;
        try {
            processed = spec.hooks().onLine(stream, line);
        } catch (TaskHooks.HookFailed e) {
            stopAfterHookFailure(e);
            return line;
        }
        processed.progress().ifPresentOrElse(progress,
                () -> spec.progress().progressFrom(processed.text()).ifPresent(progress));
        return processed.text();
    }

    /** Once: says so in the log and stops the tree on a thread of its own, so the pumps keep draining the pipes. */
    private void stopAfterHookFailure(TaskHooks.HookFailed failure) {
        if (!hookFailed.compareAndSet(false, true)) {
            return;
        }
        log.append(CsvRow.STDERR, ProcessHandle.current().pid(), "[furrow-agent] " + failure.getMessage()
                + "; stopping the process");
        Thread stopper = new Thread(() -> {
            try {
                tree.terminate(killGrace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hook-failure-stop-" + process.pid());
        stopper.setDaemon(true);
        stopper.start();
    }

    public long pid() {
        return process.pid();
    }

    public TaskLog log() {
        return log;
    }

    /** Waits for the exit, the rest of the output and the last log chunk; returns the exit code. */
    public int await() throws InterruptedException {
        int exitCode = process.waitFor();
        stdout.join(PIPE_DRAIN.toMillis());
        stderr.join(PIPE_DRAIN.toMillis());
        log.close();
        streamer.join();
        return exitCode;
    }

    /** Terminates the whole process tree: TERM, then KILL after {@code grace}. */
    public void terminate(Duration grace) throws InterruptedException {
        tree.terminate(grace);
    }

    /** Interrupts the whole process tree: SIGINT, then KILL after {@code grace}. */
    public void interrupt(Duration grace) throws InterruptedException {
        tree.interrupt(grace);
    }

    /** Kills the whole process tree at once. */
    public void kill() throws InterruptedException {
        tree.kill();
    }

    /** Pids of the tree still alive (empty once it is gone). */
    public java.util.Set<Long> alivePids() {
        return tree.alivePids();
    }
}
