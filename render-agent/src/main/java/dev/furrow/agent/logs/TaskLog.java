package dev.furrow.agent.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The CSV log file of one process. Reader threads append rows (numbered across both streams); the
 * {@link LogStreamer} reads back what has been written so far. The file is the only buffer: memory stays bounded
 * however much a process prints.
 */
public final class TaskLog implements AutoCloseable {

    private final String identifier;
    private final Path file;
    private final BufferedWriter writer;
    private long lines;
    private long bytesWritten;
    private long bytesFlushed;
    private boolean closed;

    public TaskLog(Path directory, String identifier) {
        if (!LogIdentifier.isValid(identifier)) {
            throw new IllegalArgumentException("not a valid task log identifier: " + identifier);
        }
        this.identifier = identifier;
        this.file = directory.resolve(identifier);
        try {
            Files.createDirectories(directory);
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create task log " + file + " (" + e.getMessage()
                    + "); check --task-log-dir is writable", e);
        }
    }

    public String identifier() {
        return identifier;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one row. Rows arriving after {@link #close()} (from children that outlived the process and still
     * hold its pipes) are not part of the task's log any more and are dropped.
     */
    public synchronized void append(int stream, long pid, String message) {
        if (closed) {
            return;
        }
        CsvRow row = new CsvRow(Instant.now(), stream, ++lines, pid, message);
        String csv = row.toCsv();
        try {
            writer.write(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write task log " + file + ": " + e.getMessage(), e);
        }
        bytesWritten += csv.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Flushes what was appended and returns how many bytes of the file hold whole rows. */
    public synchronized long flushedBytes() {
        if (!closed && bytesFlushed < bytesWritten) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot flush task log " + file + ": " + e.getMessage(), e);
            }
            bytesFlushed = bytesWritten;
        }
        return bytesFlushed;
    }

    public synchronized long lineCount() {
        return lines;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Waits up to {@code max} for the log to be closed: the streamer's pause, cut short when the process is done. */
    public synchronized void awaitClose(Duration max) throws InterruptedException {
        if (!closed) {
            wait(max.toMillis());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flushedBytes();
        closed = true;
        notifyAll();
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close task log " + file + ": " + e.getMessage(), e);
        }
    }
}
