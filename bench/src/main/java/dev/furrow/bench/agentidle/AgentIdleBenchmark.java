package dev.furrow.bench.agentidle;

import dev.furrow.bench.farm.BenchFarm;
import dev.furrow.bench.farm.Child;
import dev.furrow.bench.farm.Pause;
import dev.furrow.bench.report.Result;
import dev.furrow.bench.report.ResultsTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real render agent, started with the JVM flags its build ships (furrow-render-agent.jvm-options), connected to
 * the real api-server, worker and broker with nothing to do: RSS after 20 s idle, and CPU use over the following
 * 30 s. Measured again with the initial heap as large as the maximum, which is what the JVM picks without -Xms on a
 * machine with 8 GB of ram or more, to show what the small initial heap is worth.
 */
public final class AgentIdleBenchmark {

    static final String NAME = "agent-idle";
    private static final List<String> INITIAL_HEAP_AT_MAX = List.of("-Xms128m");
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration CPU_WINDOW = Duration.ofSeconds(30);

    private final Path root;
    private final ResultsTable table;

    public AgentIdleBenchmark(Path root, ResultsTable table) {
        this.root = root;
        this.table = table;
    }

    public void run() {
        List<String> shipped = AgentJvmFlags.of(root);
        measure(shipped, "");
        measure(Stream.concat(shipped.stream(), INITIAL_HEAP_AT_MAX.stream()).toList(), " (initial heap = max)");
    }

    private void measure(List<String> jvmFlags, String variant) {
        try (BenchFarm farm = BenchFarm.create(root)) {
            farm.startApiServer();
            farm.startSchedulerWorker();
            Child agent = farm.startRenderAgent(jvmFlags);
            ProcStats proc = javaProcessOf(agent);
            Pause.of(SETTLE);
            double rss = proc.rssMiB();
            double cpuBefore = proc.cpuSeconds();
            long start = System.nanoTime();
            Pause.of(CPU_WINDOW);
            double cpuPercent = 100.0 * (proc.cpuSeconds() - cpuBefore) / ((System.nanoTime() - start) / 1e9);
            double rssAfter = proc.rssMiB();
            String flags = String.join(" ", jvmFlags);
            table.add(Result.against(NAME, "RSS after 20 s idle" + variant,
                    "%.0f MiB (%.0f MB)".formatted(rss, rss * 1.048576), "<= 150 MB",
                    rss * 1.048576 <= 150, "%.0f MiB after the CPU window; JVM flags %s".formatted(rssAfter, flags)));
            table.add(Result.against(NAME, "CPU over 30 s idle" + variant, "%.2f %%".formatted(cpuPercent), "< 1 %",
                    cpuPercent < 1, "utime+stime of the agent JVM from /proc/<pid>/stat"));
        }
    }
    private static ProcStats javaProcessOf(Child child) {
        ProcStats direct = new ProcStats(child.pid());
        if (direct.command().equals("java")) {
            return direct;
        }
        return ProcessHandle.of(child.pid()).orElseThrow().descendants()
                .map(h -> new ProcStats(h.pid())).filter(p -> p.command().equals("java")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no java process under pid " + child.pid()));
    }
}
