package dev.furrow.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints results as a Markdown table, ready to paste into BENCHMARKS.md. */
public final class ResultsTable {

    private final List<Result> results = new ArrayList<>();

    public synchronized void add(Result result) {
        results.add(result);
        System.err.printf("[bench] %s / %s = %s %s (load %s)%n", result.benchmark(), result.metric(), result.value(),
                result.verdict() == Result.Verdict.INFO ? "" : "[" + result.verdict() + " " + result.target() + "]",
                result.load());
    }

    public synchronized void print(PrintStream out) {
        out.println("| benchmark | metric | measured | target | verdict | load (1/5/15 min) | note |");
        out.println("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", r.benchmark(), r.metric(), r.value(),
                    r.target().isEmpty() ? "-" : r.target(), r.verdict() == Result.Verdict.INFO ? "-" : r.verdict(),
                    r.load(), r.note());
        }
    }
}
