package dev.furrow.agent.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends a growing {@link TaskLog} as chunks of whole CSV lines: at most {@link #MAX_CHUNK_BYTES} each, at least
 * every {@link #INTERVAL} while lines are waiting, and a final chunk marked last once the log is closed (one
 * empty chunk when the process printed nothing). Reads back from the file, so it never holds more than a chunk.
 * When the sink refuses a chunk (the agent's report spool is full) the log is not streamed any further.
 */
public final class LogStreamer implements Runnable {

    public static final int MAX_CHUNK_BYTES = 64 * 1024;
    public static final Duration INTERVAL = Duration.ofMillis(250);

    /** Receives each chunk; true = taken for delivery, false = refused, stop streaming this log. */
    @FunctionalInterface
    public interface ChunkSink {
        boolean send(long firstLine, String csv, boolean last) throws InterruptedException;
    }

    private final TaskLog log;
    private final ChunkSink sink;
    private long offset;
    private long nextLine = 1;

    public LogStreamer(TaskLog log, ChunkSink sink) {
        this.log = log;
        this.sink = sink;
    }

    public Thread start() {
        Thread thread = new Thread(this, "log-streamer-" + log.identifier());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        try {
            while (true) {
                boolean closed = log.isClosed();
                long available = log.flushedBytes();
                while (offset < available) {
                    if (!sendNextChunk(available, closed)) {
                        return;
                    }
                }
                if (closed) {
                    if (offset != Long.MAX_VALUE) {
                        sink.send(nextLine, "", true);
                    }
                    return;
                }
                log.awaitClose(INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the next chunk; false when the sink refused it. */
    private boolean sendNextChunk(long available, boolean closed) throws InterruptedException {
        byte[] bytes = read(offset, (int) Math.min(MAX_CHUNK_BYTES, available - offset));
        int end = lastNewline(bytes) + 1;
        if (end == 0) {
            // one row longer than a chunk cannot happen (lines are capped far below it); send what is there
            end = bytes.length;
        }
        String csv = new String(bytes, 0, end, StandardCharsets.UTF_8);
        long lines = csv.chars().filter(c -> c == '\n').count();
        offset += end;
        boolean last = closed && offset >= available;
        if (!sink.send(nextLine, csv, last)) {
            return false;
        }
        nextLine += lines;
        if (last) {
            offset = Long.MAX_VALUE;
        }
        return true;
    }

    private byte[] read(long position, int length) {
        try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "r")) {
            byte[] bytes = new byte[length];
            file.seek(position);
            file.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back task log " + log.file() + ": " + e.getMessage(), e);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
