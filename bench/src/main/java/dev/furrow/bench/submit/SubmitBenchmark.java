package dev.furrow.bench.submit;

import dev.furrow.bench.farm.BenchFarm;
import dev.furrow.bench.report.Result;
import dev.furrow.bench.report.ResultsTable;
import dev.furrow.bench.report.Samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Job submission (time from POST /api/v1/jobs/ to its 201) at 1,000, 10,000 and 100,000 frames, then read
 * latencies of the job list (whole, and in pages of 100 by cursor and by offset), one job and one job's tasks with
 * 10,000 jobs in the database.
 */
public final class SubmitBenchmark {

    static final String NAME = "submit";
    private static final int SMALL_JOBS = 10_000;
    private static final int PARALLEL_SUBMITTERS = 8;
    private static final int READS = 200;
    private static final int LIST_READS = 20;
    private static final int PAGE = 100;

    private final Path root;
    private final ResultsTable table;

    public SubmitBenchmark(Path root, ResultsTable table) {
        this.root = root;
        this.table = table;
    }

    public void run() throws Exception {
        try (BenchFarm farm = BenchFarm.create(root)) {
            farm.startApiServer();
            ApiClient api = new ApiClient(farm.apiUrl());
            api.submitCommandJob("warm-up", 100); // the first request pays for class loading and JIT
            timeSubmission(api, 1_000, 5);
            timeSubmission(api, 10_000, 5);
            timeSubmission(api, 100_000, 3);
            List<Long> jobs = fillWithSmallJobs(api);
            long thousandFrameJob = api.submitCommandJob("thousand frames", 1_000);
            timeReads(api, "GET /api/v1/jobs/ (" + (jobs.size() + 15) + " jobs)", LIST_READS, () -> "jobs/");
            timeReads(api, "GET /api/v1/jobs/?limit=100 (first page)", READS, () -> "jobs/?limit=" + PAGE);
            List<String> cursors = walkPages(api, "jobs/?limit=" + PAGE);
            timeReads(api, "GET /api/v1/jobs/?limit=100&cursor=<any page's> (keyset)", READS,
                    () -> "jobs/?limit=" + PAGE + "&cursor=" + any(cursors));
            timeReads(api, "GET /api/v1/jobs/?limit=100&offset=<any page's>", READS,
                    () -> "jobs/?limit=" + PAGE + "&offset=" + PAGE * ThreadLocalRandom.current().nextInt(cursors.size() + 1));
            timeReads(api, "GET /api/v1/jobs/<id>", READS, () -> "jobs/" + any(jobs));
            timeReads(api, "GET /api/v1/jobs/<id>/tasks/ (1 task)", READS, () -> "jobs/" + any(jobs) + "/tasks/");
            timeReads(api, "GET /api/v1/jobs/<id>/tasks/ (1,000 tasks)", LIST_READS,
                    () -> "jobs/" + thousandFrameJob + "/tasks/");
            timeReads(api, "GET /api/v1/jobs/<id>/tasks/?limit=100 (of 1,000 tasks)", READS,
                    () -> "jobs/" + thousandFrameJob + "/tasks/?limit=" + PAGE);
        }
    }

    private void timeSubmission(ApiClient api, int frames, int runs) {
        Samples samples = new Samples();
        for (int run = 0; run < runs; run++) {
            String body = ApiClient.commandJob("submit " + frames + " #" + run, frames);
            long start = System.nanoTime();
            ApiClient.Answer answer = api.post("jobs/", body);
            long elapsed = System.nanoTime() - start;
            if (answer.status() != 201) {
                throw new IllegalStateException("POST of a " + frames + "-frame job answered " + answer.status()
                        + ": " + answer.body());
            }
            samples.add(elapsed);
        }
        String value = "min %.0f ms, median %.0f ms".formatted(samples.minMillis(), samples.percentileMillis(50));
        String metric = "POST %,d-frame job to 201 (%d runs)".formatted(frames, runs);
        if (frames == 100_000) {
            table.add(Result.against(NAME, metric, value, "<= 2,000 ms", samples.percentileMillis(50) <= 2000, ""));
        } else {
            table.add(Result.info(NAME, metric, value, ""));
        }
    }

    private List<Long> fillWithSmallJobs(ApiClient api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_SUBMITTERS);
        long start = System.nanoTime();
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < SMALL_JOBS; i++) {
                String title = "small " + i;
                futures.add(pool.submit(() -> api.submitCommandJob(title, 1)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> future : futures) {
                ids.add(future.get(5, TimeUnit.MINUTES));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            table.add(Result.info(NAME, "10,000 one-frame jobs via the API, 8 in parallel",
                    "%.1f s (%.0f jobs/s)".formatted(seconds, SMALL_JOBS / seconds), "setup for the reads below"));
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private void timeReads(ApiClient api, String metric, int reads, Supplier<String> path) {
        Samples samples = new Samples();
        long bytes = 0;
        int items = 0;
        for (int i = 0; i < reads; i++) {
            String p = path.get();
            long start = System.nanoTime();
            ApiClient.Answer answer = api.get(p);
            samples.add(System.nanoTime() - start);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET " + p + " answered " + answer.status() + ": " + answer.body());
            }
            bytes = answer.body().length();
            items = answer.json().isArray() ? answer.json().size() : 1;
        }
        table.add(Result.info(NAME, metric, "p50 %.1f ms, p99 %.1f ms".formatted(samples.percentileMillis(50),
                samples.percentileMillis(99)), "%d sequential reads; last body %,d bytes, %,d item(s)".formatted(reads, bytes, items)));
    }

    /** Follows X-Next-Cursor from the first page to the last; the cursors of every page after the first. */
    private List<String> walkPages(ApiClient api, String first) {
        List<String> cursors = new ArrayList<>();
        long start = System.nanoTime();
        String next = api.get(first).header("X-Next-Cursor");
        while (next != null) {
            cursors.add(next);
            ApiClient.Answer page = api.get(first + "&cursor=" + next);
            if (page.status() != 200) {
                throw new IllegalStateException("GET " + first + "&cursor=" + next + " answered " + page.status() + ": " + page.body());
            }
            next = page.header("X-Next-Cursor");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        table.add(Result.info(NAME, "GET /api/v1/jobs/ in pages of 100, first to last by cursor",
                "%.0f ms for %d pages".formatted(millis, cursors.size() + 1), "one sequential walk"));
        return cursors;
    }

    private static <T> T any(List<T> items) {
        return items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }
}
