package dev.furrow.bench.agentlaunch;

import dev.furrow.bench.agentidle.AgentJvmFlags;
import dev.furrow.bench.farm.BenchFarm;
import dev.furrow.bench.report.Result;
import dev.furrow.bench.report.ResultsTable;
import dev.furrow.bench.report.Samples;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.WorkState;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the render agent adds to every task: one real agent (the JVM flags its build ships) runs `true` as the task of
 * one-task assignments sent to its queue one after the other, the benchmark standing in for the scheduler (no
 * worker, no database in the path). Measured from the moment AssignTasks was handed to the broker until the
 * agent's `running` and `done` reports arrived, against `true` run directly by this JVM; then the same for 100 tasks
 * in one assignment, which leaves out the broker round trip between tasks.
 */
public final class AgentLaunchBenchmark {

    static final String NAME = "agent-launch";
    private static final int WARM_UP = 20;
    private static final int TASKS = 200;
    private static final int BATCH = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path root;
    private final ResultsTable table;
    private long nextId = 1;

    public AgentLaunchBenchmark(Path root, ResultsTable table) {
        this.root = root;
        this.table = table;
    }

    public void run() throws Exception {
        Samples direct = directTrue();
        try (BenchFarm farm = BenchFarm.create(root); MasterSide master = new MasterSide(farm.broker())) {
            farm.startApiServer();
            farm.startRenderAgent(AgentJvmFlags.of(root));
            UUID agentId = ((AgentAnnounced) master.await(AgentAnnounced.class, a -> true, PATIENCE).report()).agentId();
            farm.registerAgentQueue(agentId);
            Samples toRunning = new Samples();
            Samples toDone = new Samples();
            long started = System.nanoTime();
            for (int i = 0; i < WARM_UP + TASKS; i++) {
                long taskId = nextId++;
                long sent = master.send(agentId, assignment(List.of(taskId)));
                long running = master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING, PATIENCE).nanos();
                TaskReported done = (TaskReported) master.await(TaskReported.class, r -> r.taskId() == taskId
                        && r.state() != WorkState.RUNNING, PATIENCE).report();
                long doneAt = System.nanoTime();
                if (done.state() != WorkState.DONE) {
                    throw new IllegalStateException("task " + taskId + " ended " + done.state() + ": " + done.lastError());
                }
                master.await(WorkRequested.class, w -> w.agentId().equals(agentId), PATIENCE);
                if (i == WARM_UP - 1) {
                    started = System.nanoTime();
                }
                if (i >= WARM_UP) {
                    toRunning.add(running - sent);
                    toDone.add(doneAt - sent);
                }
            }
            double perSecond = TASKS / ((System.nanoTime() - started) / 1e9);
            double batchPerTask = batch(master, agentId);
            report(direct, toRunning, toDone, perSecond, batchPerTask);
        }
    }

    /** One assignment of BATCH tasks: milliseconds per task from the first `running` to the last `done`. */
    private double batch(MasterSide master, UUID agentId) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ids.add(nextId++);
        }
        master.send(agentId, assignment(ids));
        long first = master.await(TaskReported.class, r -> r.taskId() == ids.get(0) && r.state() == WorkState.RUNNING, PATIENCE).nanos();
        long last = master.await(TaskReported.class, r -> r.taskId() == ids.get(BATCH - 1) && r.state() == WorkState.DONE, PATIENCE).nanos();
        return (last - first) / 1e6 / BATCH;
    }

    private void report(Samples direct, Samples toRunning, Samples toDone, double perSecond, double batchPerTask) {
        String count = "%d tasks after %d to warm up".formatted(TASKS, WARM_UP);
        table.add(Result.info(NAME, "`true` run directly (start → exit)",
                "p50 %.1f ms, p99 %.1f ms".formatted(direct.percentileMillis(50), direct.percentileMillis(99)),
                "ProcessBuilder in the benchmark's JVM, %d runs".formatted(direct.count())));
        table.add(Result.info(NAME, "AssignTasks sent → `running` received",
                "p50 %.1f ms, p99 %.1f ms".formatted(toRunning.percentileMillis(50), toRunning.percentileMillis(99)), count));
        table.add(Result.info(NAME, "AssignTasks sent → `done` received",
                "p50 %.1f ms, p99 %.1f ms".formatted(toDone.percentileMillis(50), toDone.percentileMillis(99)), count));
        table.add(Result.info(NAME, "per-task overhead (done − direct, p50)",
                "%.1f ms".formatted(toDone.percentileMillis(50) - direct.percentileMillis(50)),
                "what the agent adds to a task of one-task assignments"));
        table.add(Result.info(NAME, "one-task assignments one after the other", "%.1f tasks/s".formatted(perSecond),
                "each waits for the previous one's done and WorkRequested, as the scheduler would"));
        table.add(Result.info(NAME, "%d tasks in one assignment".formatted(BATCH), "%.1f ms per task".formatted(batchPerTask),
                "first `running` to last `done`; no broker round trip between tasks"));
    }

    private static Samples directTrue() throws IOException, InterruptedException {
        Samples samples = new Samples();
        for (int i = 0; i < WARM_UP + TASKS; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder("true").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor();
            if (i >= WARM_UP) {
                samples.add(System.nanoTime() - start);
            }
        }
        return samples;
    }

    private static AssignTasks assignment(List<Long> taskIds) {
        List<AssignTasks.Task> tasks = taskIds.stream().map(id -> new AssignTasks.Task(id, 1, null, 1)).toList();
        return new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(taskIds.get(0), "launch " + taskIds.get(0), "bench",
                "command", 1, Json.mapper().valueToTree(Map.of("command", List.of("true"))), Map.of(), 1, 1, 16, null, null),
                tasks, Instant.now());
    }
}
