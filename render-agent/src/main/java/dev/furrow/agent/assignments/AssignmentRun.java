package dev.furrow.agent.assignments;

import dev.furrow.agent.jobtype.FrameRange;
import dev.furrow.agent.jobtype.JobType;
import dev.furrow.agent.jobtype.ProcessSpec;
import dev.furrow.agent.jobtype.TaskHooks;
import dev.furrow.agent.logs.CsvRow;
import dev.furrow.agent.logs.LogStreamer;
import dev.furrow.agent.logs.LogIdentifier;
import dev.furrow.agent.logs.TaskLog;
import dev.furrow.agent.process.RamWatch;
import dev.furrow.agent.process.TaskProcess;
import dev.furrow.agent.reporting.AttemptReporter;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.TaskLogLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Runs the tasks of one assignment one after the other, each as its own process with its own log, in a scratch
 * directory that is removed afterwards. Stopping a task kills its whole process tree and reports it back as
 * queued ("stopped: reason").
 */
public final class AssignmentRun implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentRun.class);

    private final AssignTasks assignment;
    private final JobType jobType;
    private final AgentContext agent;
    private final Runnable whenFinished;
    private final Map<Long, String> stopReasons = new ConcurrentHashMap<>();
    private final Map<Long, StopTasks.Signal> stopSignals = new ConcurrentHashMap<>();
    private volatile Running current;

    /** The task being run right now and its process. */
    public record Running(AssignTasks.Task task, TaskProcess process, Instant startedAt) {
    }

    public AssignmentRun(AssignTasks assignment, JobType jobType, AgentContext agent, Runnable whenFinished) {
        this.assignment = assignment;
        this.jobType = jobType;
        this.agent = agent;
        this.whenFinished = whenFinished;
    }

    public AssignTasks assignment() {
        return assignment;
    }

    public Optional<Running> current() {
        return Optional.ofNullable(current);
    }

    public boolean covers(long taskId) {
        return assignment.tasks().stream().anyMatch(task -> task.id() == taskId);
    }

    /** Stops {@code taskId} if it belongs here: kills its process tree now, or skips it if it has not started. */
    public void stop(long taskId, StopTasks.Signal signal, String reason) throws InterruptedException {
        if (!covers(taskId)) {
            return;
        }
        stopSignals.put(taskId, signal);
        stopReasons.putIfAbsent(taskId, reason);
        Running running = current;
        if (running != null && running.task().id() == taskId) {
            stopProcess(running.process(), signal);
        }
    }

    private void stopProcess(TaskProcess process, StopTasks.Signal signal) throws InterruptedException {
        if (signal == StopTasks.Signal.KILL) {
            process.kill();
        } else if (signal == StopTasks.Signal.INT) {
            process.interrupt(agent.config().killGracePeriod());
        } else {
            process.terminate(agent.config().killGracePeriod());
        }
    }

    @Override
    public void run() {
        Path tempDir;
        try {
            tempDir = createTempDir();
        } catch (UncheckedIOException e) {
            failAll(e.getMessage());
            whenFinished.run();
            return;
        }
        try {
            FrameRange frames = FrameRange.of(assignment);
            for (AssignTasks.Task task : assignment.tasks()) {
                runTaskReportingSurprises(task, frames, tempDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("assignment {} interrupted (the agent is shutting down)", assignment.assignmentId());
        } finally {
            deleteRecursively(tempDir);
            whenFinished.run();
        }
    }

    /**
     * Runs one task; an error nobody foresaw (a broken job type engine, a full disk) fails that task with what
     * happened instead of silently ending the assignment's thread, and the next task gets its turn.
     */
    private void runTaskReportingSurprises(AssignTasks.Task task, FrameRange frames, Path tempDir)
            throws InterruptedException {
        AttemptReporter reporter = new AttemptReporter(agent.reports(), agent.agentId(), assignment.job().id(),
                task.id(), task.attempt());
        try {
            runTask(task, frames, tempDir, reporter);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("task {} of assignment {} failed inside the agent", task.id(), assignment.assignmentId(), e);
            reporter.running();
            reporter.failed("the agent could not run the task: " + e);
        }
    }

    private void runTask(AssignTasks.Task task, FrameRange frames, Path tempDir, AttemptReporter reporter)
            throws InterruptedException {
        AssignTasks.Job job = assignment.job();
        if (stopReasons.containsKey(task.id())) {
            reporter.stopped(stopReasons.get(task.id()));
            return;
        }
        ProcessSpec spec;
        try {
            spec = agent.processSetup().prepare(jobType.processFor(job, task, frames, tempDir), job.data(), tempDir);
        } catch (JobType.InvalidJobData e) {
            reporter.running();
            reporter.failed(e.getMessage());
            return;
        }
        try (TaskHooks hooks = spec.hooks()) {
            runProcess(task, spec, hooks, reporter);
        }
    }

    private void runProcess(AssignTasks.Task task, ProcessSpec spec, TaskHooks hooks, AttemptReporter reporter)
            throws InterruptedException {
        AssignTasks.Job job = assignment.job();
        reporter.running();
        String identifier = LogIdentifier.create(Instant.now(), job.id());
        TaskLog log = new TaskLog(agent.config().taskLogDir(), identifier);
        long agentPid = ProcessHandle.current().pid();
        try {
            hooks.beforeStart().forEach(line -> log.append(CsvRow.STDOUT, agentPid, "[jobtype] " + line));
        } catch (TaskHooks.HookFailed e) {
            log.append(CsvRow.STDERR, agentPid, "[furrow-agent] " + e.getMessage());
            log.close();
            new LogStreamer(log, chunkSink(task, identifier)).run();
            reporter.failed(e.getMessage());
            return;
        }
        TaskProcess process;
        try {
            process = TaskProcess.start(spec, spec.workingDirectory(), log, agent.config().captureProcessOutput(),
                    reporter::progress, chunkSink(task, identifier), agent.config().killGracePeriod());
        } catch (IOException e) {
            reporter.failed("cannot start " + spec.command().get(0) + ": " + e.getMessage());
            return;
        }
        current = new Running(task, process, Instant.now());
        if (stopReasons.containsKey(task.id())) {
            // the stop arrived while the process was being started, before it could be found through current
            stopProcess(process, stopSignals.get(task.id()));
        }
        RamWatch ramWatch = RamWatch.start(process, job.ramWarning(), job.ramMax(), agent.systemInfo(),
                agent.config().ramCheckInterval());
        int exitCode;
        try {
            afterStart(hooks, process, log, agentPid);
            exitCode = process.await();
        } finally {
            ramWatch.close();
            current = null;
        }
        LOG.info("task {} (job {}, frame {}) exited with code {}", task.id(), job.id(), FrameRange.format(task.frame()), exitCode);
        if (stopReasons.containsKey(task.id())) {
            // The stopper may still be killing children that outlived the process; "stopped" means all are gone.
            process.kill();
            reporter.stopped(stopReasons.get(task.id()));
        } else if (ramWatch.exceeded().isPresent()) {
            reporter.failed(ramWatch.exceeded().get());
        } else if (hooks.failure().isPresent()) {
            // as for a stop: the task is over only once the tree the failing hook stopped is gone
            process.kill();
            reporter.failed(hooks.failure().get());
        } else {
            reportExit(spec, exitCode, reporter);
        }
    }

    /** A failing after-start hook fails the task: its process tree is stopped and the failure reported. */
    private void afterStart(TaskHooks hooks, TaskProcess process, TaskLog log, long agentPid) throws InterruptedException {
        try {
            hooks.afterStart(process.pid()).forEach(line -> log.append(CsvRow.STDOUT, agentPid, "[jobtype] " + line));
        } catch (TaskHooks.HookFailed e) {
            log.append(CsvRow.STDERR, agentPid, "[furrow-agent] " + e.getMessage());
            process.terminate(agent.config().killGracePeriod());
        }
    }

    private static void reportExit(ProcessSpec spec, int exitCode, AttemptReporter reporter) {
        boolean succeeded;
        try {
            succeeded = spec.succeeded(exitCode);
        } catch (TaskHooks.HookFailed e) {
            reporter.failed(e.getMessage());
            return;
        }
        if (succeeded) {
            reporter.done();
        } else {
            reporter.failed("process exited with code " + exitCode);
        }
    }

    private LogStreamer.ChunkSink chunkSink(AssignTasks.Task task, String identifier) {
        AssignTasks.Job job = assignment.job();
        return (firstLine, csv, last) -> agent.reports().sendPaced(new TaskLogLines(agent.agentId(), job.id(),
                List.of(task.id()), task.attempt(), identifier, firstLine, csv, last, Instant.now()));
    }

    private void failAll(String lastError) {
        for (AssignTasks.Task task : assignment.tasks()) {
            AttemptReporter reporter = new AttemptReporter(agent.reports(), agent.agentId(), assignment.job().id(),
                    task.id(), task.attempt());
            reporter.running();
            reporter.failed(lastError);
        }
    }

    private Path createTempDir() {
        try {
            return Files.createTempDirectory("furrow-assignment-" + assignment.assignmentId() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for assignment "
                    + assignment.assignmentId() + " in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the scratch directory {}: {}", dir, e.getMessage());
        }
    }
}
