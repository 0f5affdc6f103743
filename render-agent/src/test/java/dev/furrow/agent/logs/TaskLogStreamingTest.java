package dev.furrow.agent.logs;

import dev.furrow.agent.jobtype.ProcessSpec;
import dev.furrow.agent.jobtype.ProgressParser;
import dev.furrow.agent.process.TaskProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes printing into a task log, streamed in chunks to a sink that checks every chunk. */
class TaskLogStreamingTest {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Checks the chunks as the master would: consecutive, whole lines, bounded, exactly one last chunk. */
    private static final class CheckingSink implements LogStreamer.ChunkSink {
        long nextLine = 1;
        long chunks;
        long bytes;
        boolean last;
        long maxChunkBytes;
        final StringBuilder firstChunk = new StringBuilder();

        @Override
        public boolean send(long firstLine, String csv, boolean isLast) {
            assertThat(last).as("no chunk after the last one").isFalse();
            assertThat(firstLine).isEqualTo(nextLine);
            assertThat(csv.isEmpty() || csv.endsWith("\n")).as("whole lines").isTrue();
            int size = csv.getBytes(StandardCharsets.UTF_8).length;
            assertThat(size).isLessThanOrEqualTo(LogStreamer.MAX_CHUNK_BYTES);
            if (chunks == 0) {
                firstChunk.append(csv);
            }
            maxChunkBytes = Math.max(maxChunkBytes, size);
            nextLine += csv.chars().filter(c -> c == '\n').count();
            bytes += size;
            chunks++;
            last = isLast;
            return true;
        }
    }

    @Test
    void aProcessPrintingHundredsOfMegabytesIsNeitherStalledNorHeldInMemory() throws Exception {
        // ~200 MB of output in 2 million lines of 100 characters
        String line = "x".repeat(99);
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c", "yes " + line + " | head -n 2000000; echo done >&2"),
                System.getenv(), ProgressParser.NONE, Set.of(0));
        CheckingSink sink = new CheckingSink();
        TaskLog log = new TaskLog(dir, LogIdentifier.create(Instant.now(), 1));
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        AtomicLong peakLiveHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc(); // what survives a full collection is what the agent holds on to
                peakLiveHeap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        Instant started = Instant.now();

        TaskProcess process = TaskProcess.start(spec, dir, log, false, progress -> { }, sink, GRACE);
        int exitCode = process.await();

        sampler.interrupt();
        assertThat(exitCode).isZero();
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(90));
        assertThat(sink.last).isTrue();
        assertThat(sink.nextLine - 1).isEqualTo(2_000_001);
        assertThat(sink.bytes).isEqualTo(Files.size(log.file()));
        assertThat(sink.chunks).isGreaterThan(1000);
        // Holding the output (200 MB) anywhere would show here; chunks and line buffers are kilobytes.
        assertThat(peakLiveHeap.get() - heapBefore).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aProcessWithoutOutputSendsOneEmptyLastChunk() throws Exception {
        CheckingSink sink = new CheckingSink();
        TaskLog log = new TaskLog(dir, LogIdentifier.create(Instant.now(), 2));
        TaskProcess process = TaskProcess.start(new ProcessSpec(List.of("true"), System.getenv(), ProgressParser.NONE, Set.of(0)),
                dir, log, false, progress -> { }, sink, GRACE);
        process.await();
        assertThat(sink.chunks).isEqualTo(1);
        assertThat(sink.last).isTrue();
        assertThat(sink.nextLine).isEqualTo(1);
    }

    @Test
    void closingTheLogEndsTheStreamersPauseAtOnce() throws Exception {
        TaskLog log = new TaskLog(dir, LogIdentifier.create(Instant.now(), 4));
        Thread streamerPause = new Thread(() -> {
            try {
                log.awaitClose(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        streamerPause.start();
        Thread.sleep(200);
        log.close();
        streamerPause.join(Duration.ofSeconds(20).toMillis());
        assertThat(streamerPause.isAlive()).as("a finished process's last chunk does not wait out the pause").isFalse();
    }

    @Test
    void veryLongLinesAreSplitIntoBoundedRows() throws Exception {
        CheckingSink sink = new CheckingSink();
        TaskLog log = new TaskLog(dir, LogIdentifier.create(Instant.now(), 3));
        TaskProcess process = TaskProcess.start(new ProcessSpec(
                        List.of("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' 'y'; echo"), System.getenv(), ProgressParser.NONE, Set.of(0)),
                dir, log, false, progress -> { }, sink, GRACE);
        process.await();
        assertThat(sink.nextLine - 1).isEqualTo((100_000 + OutputPump.MAX_LINE_CHARS - 1) / OutputPump.MAX_LINE_CHARS);
        assertThat(sink.last).isTrue();
    }
}
