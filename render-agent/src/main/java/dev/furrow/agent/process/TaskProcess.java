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
import java.util.function.DoubleConsumer;

/**
 * One running process of a task: its output pumped into the task log, the log streamed in chunks, progress
 * parsed from its lines. {@link #await()} returns once the process exited and its whole log was sent.
 */
public final class TaskProcess {

    /** How long output of leftovers (background children still holding the pipes) is read after the process exit. */
    private static final Duration PIPE_DRAIN = Duration.ofSeconds(5);

    private final Process process;
    private final ProcessTree tree;
    private final TaskLog log;
    private final Thread stdout;
    private final Thread stderr;
    private final Thread streamer;

    private TaskProcess(Process process, TaskLog log, Thread stdout, Thread stderr, Thread streamer) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle());
        this.log = log;
        this.stdout = stdout;
        this.stderr = stderr;
        this.streamer = streamer;
    }

    /**
     * Starts {@code spec} in {@code workDir} with exactly the spec's environment (see ProcessEnvironment). Throws IOException
     * when the program cannot be started (the log then holds why, and is streamed as complete).
     */
    public static TaskProcess start(ProcessSpec spec, Path workDir, TaskLog log, boolean echoToAgentLog,
                                    DoubleConsumer progress, LogStreamer.ChunkSink chunks) throws IOException {
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
        Thread out = new OutputPump(process.getInputStream(), CsvRow.STDOUT, pid, log, echoToAgentLog,
                line -> onLine(spec, CsvRow.STDOUT, line, progress)).start("stdout-" + pid);
        Thread err = new OutputPump(process.getErrorStream(), CsvRow.STDERR, pid, log, echoToAgentLog,
                line -> onLine(spec, CsvRow.STDERR, line, progress)).start("stderr-" + pid);
        Thread streamer = new LogStreamer(log, chunks).start();
        return new TaskProcess(process, log, out, err, streamer);
    }

    /** The job type's hooks see the line first (and may rewrite it); progress comes from either. */
    private static String onLine(ProcessSpec spec, int stream, String line, DoubleConsumer progress) {
        TaskHooks.ProcessedLine processed = spec.hooks().onLine(stream, line);
        processed.progress().ifPresentOrElse(progress,
                () -> spec.progress().progressFrom(processed.text()).ifPresent(progress));
        return processed.text();
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
