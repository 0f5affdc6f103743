package dev.furrow.bench;

import dev.furrow.bench.agentidle.AgentIdleBenchmark;
import dev.furrow.bench.agentlaunch.AgentLaunchBenchmark;
import dev.furrow.bench.dispatch.DispatchBenchmark;
import dev.furrow.bench.logs.LogIngestBenchmark;
import dev.furrow.bench.report.Load;
import dev.furrow.bench.report.Result;
import dev.furrow.bench.report.ResultsTable;
import dev.furrow.bench.submit.SubmitBenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the named benchmarks (all when none is named) against the real component jars, MariaDB and RabbitMQ and
 * prints a results table. Not a test: figures depend on the machine and on what else runs on it.
 */
public final class BenchMain {

    /** A benchmark that can be run by name. */
    @FunctionalInterface
    interface Benchmark {
        void run(Path root, ResultsTable table) throws Exception;
    }

    static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("submit", (root, table) -> new SubmitBenchmark(root, table).run());
        BENCHMARKS.put("dispatch-1", (root, table) ->
                new DispatchBenchmark(root, table).run(DispatchBenchmark.ONE_AGENT));
        BENCHMARKS.put("dispatch-100", (root, table) ->
                new DispatchBenchmark(root, table).run(DispatchBenchmark.HUNDRED_AGENTS));
        BENCHMARKS.put("dispatch-1000", (root, table) ->
                new DispatchBenchmark(root, table).run(DispatchBenchmark.THOUSAND_AGENTS));
        BENCHMARKS.put("logs", (root, table) -> new LogIngestBenchmark(root, table).run());
        BENCHMARKS.put("agent-idle", (root, table) -> new AgentIdleBenchmark(root, table).run());
        BENCHMARKS.put("agent-launch", (root, table) -> new AgentLaunchBenchmark(root, table).run());
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        List<String> chosen = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("dispatch")) {
                chosen.add("dispatch-1");
                chosen.add("dispatch-100");
                chosen.add("dispatch-1000");
            } else if (BENCHMARKS.containsKey(arg)) {
                chosen.add(arg);
            } else {
                System.err.println("Unknown benchmark '" + arg + "'. Choose from: dispatch " + String.join(" ", BENCHMARKS.keySet()));
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(BENCHMARKS.keySet());
        }
        Path root = Path.of(System.getProperty("furrow.root", "")).toAbsolutePath();
        if (!Files.isDirectory(root.resolve("api-server"))) {
            System.err.println(root + " is not a Furrow checkout; run from the checkout or pass -Dfurrow.root=<dir>");
            System.exit(2);
        }
        ResultsTable table = new ResultsTable();
        boolean failed = false;
        Instant started = Instant.now();
        for (String name : chosen) {
            System.err.println("[bench] running " + name + " (load " + Load.now() + ")");
            try {
                BENCHMARKS.get(name).run(root, table);
            } catch (Exception | Error e) {
                failed = true;
                e.printStackTrace();
                table.add(Result.info(name, "FAILED", e.getClass().getSimpleName(),
                        String.valueOf(e.getMessage()).lines().findFirst().orElse("").replace('|', '/')));
            }
        }
        System.out.println();
        System.out.println("Furrow benchmarks, started " + started + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus, load now " + Load.now());
        System.out.println("Command: java -jar bench/target/furrow-bench.jar " + String.join(" ", args)
                + "   (from " + root + ")");
        System.out.println();
        table.print(System.out);
        System.exit(failed ? 1 : 0);
    }
}
