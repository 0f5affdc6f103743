package dev.furrow.agent.reporting;

import dev.furrow.messages.AgentReport;
import dev.furrow.messages.Json;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports waiting for the broker that did not fit in memory: an append-only file of one JSON report per line,
 * read back from the front in order. Emptied (truncated) once everything in it was read; what is left in it when
 * the agent stops is delivered first on the next start. Not thread-safe: {@link Reports} guards it.
 */
final class ReportSpool {

    private final Path file;
    private long readOffset;

    ReportSpool(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report spool " + file + " (" + e.getMessage()
                    + "); set --spool-dir to a writable directory", e);
        }
    }

    Path file() {
        return file;
    }

    boolean isEmpty() {
        return readOffset >= size();
    }

    /** Bytes of reports in the file not read yet. */
    long pendingBytes() {
        return Math.max(0, size() - readOffset);
    }

    /** The report as one line of the file: what it costs to append it. */
    static byte[] line(AgentReport report) {
        byte[] json = Json.encode(report);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    void append(byte[] line) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the report spool " + file + " (" + e.getMessage()
                    + "); the disk may be full", e);
        }
    }

    /**
     * Takes up to {@code maxBytes} worth of reports from the front (at least one when there is any); empties the
     * file once it was read to the end.
     */
    List<AgentReport> take(int maxBytes) {
        List<AgentReport> reports = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(readOffset)))) {
            long start = readOffset;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long consumed = 0;
            int b;
            while ((readOffset - start < maxBytes || reports.isEmpty()) && (b = in.read()) != -1) {
                consumed++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                readOffset = start + consumed;
                if (line.size() > 0) {
                    reports.add((AgentReport) Json.decode(line.toByteArray()));
                }
                line.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool " + file + ": " + e.getMessage(), e);
        }
        if (readOffset >= size() || reports.isEmpty()) {
            // read to the end; or only a partial last line is left (the agent died while writing it)
            truncate();
        }
        return reports;
    }

    /** Puts {@code reports} in front of what is still unread (at shutdown, for what was only in memory). */
    void prepend(List<AgentReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (OutputStream out = Files.newOutputStream(next)) {
            for (AgentReport report : reports) {
                out.write(line(report));
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(readOffset);
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save unsent reports to " + next + ": " + e.getMessage(), e);
        }
        try {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            readOffset = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the report spool " + file + ": " + e.getMessage(), e);
        }
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of the report spool " + file + ": " + e.getMessage(), e);
        }
    }

    private void truncate() {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            readOffset = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the report spool " + file + ": " + e.getMessage(), e);
        }
    }
}
