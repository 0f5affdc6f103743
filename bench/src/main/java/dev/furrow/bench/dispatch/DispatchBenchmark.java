package dev.furrow.bench.dispatch;

import com.rabbitmq.client.Channel;
import dev.furrow.bench.farm.BenchFarm;
import dev.furrow.bench.farm.Pause;
import dev.furrow.bench.report.Result;
import dev.furrow.bench.report.ResultsTable;
import dev.furrow.bench.report.Samples;
import dev.furrow.bench.submit.ApiClient;
import dev.furrow.messages.amqp.Broker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end dispatch: the real api-server (to queue the tasks) and scheduler-worker, and N simulated agents in
 * this JVM. Measures tasks/s done in the database over a fixed window after a warm-up, and the delay between an
 * agent publishing WorkRequested and receiving AssignTasks.
 */
public final class DispatchBenchmark {

    static final String NAME = "dispatch";
    private static final int AGENTS_PER_CONNECTION = 250;
    private static final int FRAMES_PER_JOB = 100_000;
    private static final double TARGET_RATE = 2_000;

    /** One configuration: how many agents, how many queued tasks, how long to warm up and to measure. */
    public record Scenario(int agents, int queuedTasks, Duration warmUp, Duration window, double targetRate) {
    }

    /** An unsaturated worker: the latency an idle agent sees when nobody else competes for the worker. */
    public static final Scenario ONE_AGENT =
            new Scenario(1, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(30), 0);
    public static final Scenario HUNDRED_AGENTS =
            new Scenario(100, 100_000, Duration.ofSeconds(10), Duration.ofSeconds(30), TARGET_RATE);
    public static final Scenario THOUSAND_AGENTS =
            new Scenario(1_000, 1_000_000, Duration.ofSeconds(15), Duration.ofSeconds(60), 0.8 * TARGET_RATE);

    private final Path root;
    private final ResultsTable table;

    public DispatchBenchmark(Path root, ResultsTable table) {
        this.root = root;
        this.table = table;
    }

    public void run(Scenario scenario) throws Exception {
        String label = "%,d agent(s), %,d queued".formatted(scenario.agents(), scenario.queuedTasks());
        try (BenchFarm farm = BenchFarm.create(root)) {
            farm.startApiServer();
            farm.startSchedulerWorker();
            queueTasks(farm, scenario.queuedTasks(), label);
            DispatchStats stats = new DispatchStats();
            List<Channel> channels = new ArrayList<>();
            long startedAgents = System.nanoTime();
            startAgents(farm, scenario.agents(), stats, channels);
            table.add(Result.info(NAME, label + ": announce + first work request of every agent published",
                    "%.1f s".formatted((System.nanoTime() - startedAgents) / 1e9), ""));
            awaitRegistered(farm, scenario.agents());
            table.add(Result.info(NAME, label + ": every agent registered by the worker",
                    "%.1f s".formatted((System.nanoTime() - startedAgents) / 1e9),
                    "the warm-up and the window start after this"));
            Pause.of(scenario.warmUp());
            Samples warmUpDelays = stats.restartDelays();
            long doneBefore = doneTasks(farm);
            long reportedBefore = stats.tasksDone();
            long windowStart = System.nanoTime();
            Pause.of(scenario.window());
            long doneAfter = doneTasks(farm);
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            long reportedAfter = stats.tasksDone();
            Samples delays = stats.delays();
            stats.stop();
            double rate = (doneAfter - doneBefore) / seconds;
            String note = "%,d tasks done in the DB over a %.0f s window after %d s warm-up (agents reported %,d); "
                    .formatted(doneAfter - doneBefore, seconds, scenario.warmUp().toSeconds(),
                            reportedAfter - reportedBefore)
                    + "%,d done in total, %,d still queued".formatted(doneAfter, scenario.queuedTasks() - doneAfter);
            if (scenario.targetRate() > 0) {
                table.add(Result.against(NAME, label + ": tasks/s end to end", "%.0f tasks/s".formatted(rate),
                        ">= %.0f tasks/s".formatted(scenario.targetRate()), rate >= scenario.targetRate(), note));
            } else {
                table.add(Result.info(NAME, label + ": tasks/s end to end", "%.0f tasks/s".formatted(rate), note));
            }
            table.add(Result.against(NAME, label + ": WorkRequested -> AssignTasks",
                    "p50 %.1f ms, p99 %.1f ms".formatted(delays.percentileMillis(50), delays.percentileMillis(99)),
                    "p99 <= 20 ms", delays.percentileMillis(99) <= 20,
                    "%,d assignments in the window (warm-up: %,d, p99 %.1f ms)".formatted(delays.count(),
                            warmUpDelays.count(), warmUpDelays.percentileMillis(99))));
            Pause.of(Duration.ofSeconds(1));
            for (Channel channel : channels) {
                if (channel.isOpen()) {
                    channel.abort();
                }
            }
        }
    }

    private void queueTasks(BenchFarm farm, int tasks, String label) {
        ApiClient api = new ApiClient(farm.apiUrl());
        long start = System.nanoTime();
        int queued = 0;
        int job = 0;
        while (queued < tasks) {
            int frames = Math.min(FRAMES_PER_JOB, tasks - queued);
            api.submitCommandJob("dispatch " + job++, frames);
            queued += frames;
        }
        table.add(Result.info(NAME, label + ": queueing the tasks via POST /api/v1/jobs/",
                "%.1f s".formatted((System.nanoTime() - start) / 1e9), "%d job(s) of up to %,d frames".formatted(job,
                        FRAMES_PER_JOB)));
    }

    private static void startAgents(BenchFarm farm, int count, DispatchStats stats, List<Channel> channels)
            throws Exception {
        Broker broker = null;
        for (int i = 0; i < count; i++) {
            if (i % AGENTS_PER_CONNECTION == 0) {
                broker = farm.connect("furrow-bench-agents-" + i);
            }
            Channel channel = broker.openChannel();
            channels.add(channel);
            SimulatedAgent agent = new SimulatedAgent(channel, farm.topology(), stats);
            farm.registerAgentQueue(agent.id());
            agent.start(i + 1);
        }
    }

    /** Registration storms are not what the window measures: wait until the worker knows every agent. */
    private static void awaitRegistered(BenchFarm farm, int agents) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count(farm, "SELECT COUNT(*) FROM agents") < agents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not register " + agents + " agents in 5 minutes");
            }
            Pause.of(Duration.ofMillis(200));
        }
    }

    private static long doneTasks(BenchFarm farm) throws SQLException {
        return count(farm, "SELECT COUNT(*) FROM tasks WHERE state = 'done'");
    }

    private static long count(BenchFarm farm, String sql) throws SQLException {
        try (Connection c = farm.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
