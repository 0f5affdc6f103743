package dev.furrow.bench.logs;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import dev.furrow.bench.farm.BenchFarm;
import dev.furrow.bench.farm.Pause;
import dev.furrow.bench.report.Result;
import dev.furrow.bench.report.ResultsTable;
import dev.furrow.bench.submit.ApiClient;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.Topology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Task log ingestion through the real scheduler-worker: one simulated agent streams a task's log as
 * TaskLogLines chunks of about 64 KiB; measured from the first publish until the worker has stored every line
 * (task_logs.num_lines and complete), then the stored file is read back and every line checked.
 */
public final class LogIngestBenchmark {

    static final String NAME = "logs";
    private static final int LINES = 1_000_000;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final AMQP.BasicProperties PERSISTENT_JSON =
            MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();

    private final Path root;
    private final ResultsTable table;

    public LogIngestBenchmark(Path root, ResultsTable table) {
        this.root = root;
        this.table = table;
    }

    public void run() throws Exception {
        try (BenchFarm farm = BenchFarm.create(root)) {
            farm.startApiServer();
            farm.startSchedulerWorker();
            ApiClient api = new ApiClient(farm.apiUrl());
            long jobId = api.submitCommandJob("log target", 1);
            long taskId = api.get("jobs/" + jobId + "/tasks/").json().get(0).get("id").asLong();
            UUID agentId = UUID.randomUUID();
            String identifier = "2026-11-23_16-05-00_" + jobId + "_" + UUID.randomUUID().toString().replace("-", "") + ".csv";
            Topology topology = farm.topology();
            Channel channel = farm.broker().openChannel();
            channel.confirmSelect();
            publish(channel, topology, new AgentAnnounced(agentId, "log-agent", "bench", 50000, "127.0.0.1", 2, 8192,
                    8192, "simulated cpu", "linux", "Linux (simulated)", "bench", 0.0, AgentState.ONLINE, List.of(),
                    List.of(), List.of(), List.of(), Instant.now()));
            channel.waitForConfirmsOrDie(10_000);

            long start = System.nanoTime();
            int chunks = streamLog(channel, topology, agentId, jobId, taskId, identifier);
            long published = System.nanoTime();
            awaitStored(farm, identifier);
            double seconds = (System.nanoTime() - start) / 1e9;
            long missing = verify(farm.taskLogsDir(), identifier);
            double rate = LINES / seconds;
            table.add(Result.against(NAME, "lines/s ingested (%,d lines, %,d chunks of ~64 KiB)".formatted(LINES, chunks),
                    "%.0f lines/s".formatted(rate), ">= 100,000 lines/s, none lost",
                    rate >= 100_000 && missing == 0,
                    "%.1f s first publish to last line stored (publishing took %.1f s); stored file checked: %s"
                            .formatted(seconds, (published - start) / 1e9,
                                    missing == 0 ? "all lines present in order" : missing + " lines missing or out of order")));
            channel.close();
        }
    }

    private static int streamLog(Channel channel, Topology topology, UUID agentId, long jobId, long taskId,
                                 String identifier) throws Exception {
        StringBuilder chunk = new StringBuilder(CHUNK_BYTES + 256);
        long firstLine = 1;
        int chunks = 0;
        for (int line = 1; line <= LINES; line++) {
            chunk.append(csvLine(line));
            if (chunk.length() >= CHUNK_BYTES || line == LINES) {
                boolean last = line == LINES;
                publish(channel, topology, new TaskLogLines(agentId, jobId, List.of(taskId), 1, identifier, firstLine,
                        chunk.toString(), last, Instant.now()));
                chunks++;
                firstLine = line + 1L;
                chunk.setLength(0);
                if (chunks % 64 == 0) {
                    channel.waitForConfirmsOrDie(30_000); // the agent's publisher waits for confirms too
                }
            }
        }
        channel.waitForConfirmsOrDie(30_000);
        return chunks;
    }

    static String csvLine(int number) {
        return "2026-11-23T16:05:00.123Z,0," + number + ",4242,Rendering frame 1: tile " + number
                + " of 1000000 done, 12.5 MB used\n";
    }

    private static void publish(Channel channel, Topology topology, AgentReport report)
            throws IOException {
        channel.basicPublish(topology.repliesExchange(), report.routingKey(), PERSISTENT_JSON, Json.encode(report));
    }

    private static void awaitStored(BenchFarm farm, String identifier) throws SQLException {
        Instant deadline = Instant.now().plus(PATIENCE);
        try (Connection c = farm.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT num_lines, complete FROM task_logs WHERE identifier = ?")) {
            s.setString(1, identifier);
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= LINES && rs.getBoolean(2)) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the worker did not store all " + LINES + " lines of "
                            + identifier + " within " + PATIENCE.toMinutes() + " min");
                }
                Pause.of(Duration.ofMillis(20));
            }
        }
    }

    /** Reads the stored log (plain or already compressed by housekeeping); returns how many lines are wrong. */
    private static long verify(Path dir, String identifier) throws IOException {
        Path plain = dir.resolve(identifier);
        Path gz = dir.resolve(identifier + ".gz");
        InputStream in = Files.exists(plain) ? Files.newInputStream(plain) : new GZIPInputStream(Files.newInputStream(gz));
        long wrong = 0;
        int expected = 1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!(line + "\n").equals(csvLine(expected))) {
                    wrong++;
                }
                expected++;
            }
        }
        return wrong + Math.abs((long) LINES - (expected - 1));
    }
}
