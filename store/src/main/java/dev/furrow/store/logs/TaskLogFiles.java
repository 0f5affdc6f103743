package dev.furrow.store.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The task log store: one CSV file per log identifier under {@code tasklogs_dir}, gzipped once the log is
 * finished. The scheduler-worker appends, the api-server reads; both must see the same directory.
 */
public final class TaskLogFiles {

    /** Leaves room for the ".gz" of a compressed log within the 255-byte file name limit. */
    public static final int MAX_IDENTIFIER_LENGTH = 255 - ".gz".length();

    /** A log identifier is a plain file name: no separators, no "..", nothing a shell or URL would mangle. */
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_IDENTIFIER_LENGTH - 1) + "}");

    private final Path directory;

    public TaskLogFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the task log directory " + this.directory, e);
        }
    }

    public static boolean isValidIdentifier(String identifier) {
        return identifier != null && IDENTIFIER.matcher(identifier).matches() && !identifier.contains("..");
    }

    /** Appends CSV text (whole lines) to the log; creates it on first use. */
    public void append(String identifier, String csv) {
        try {
            Files.writeString(plainFile(identifier), csv, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to task log " + identifier, e);
        }
    }

    /** The size in bytes of the plain (not yet compressed) log; 0 when there is none. */
    public long plainSize(String identifier) {
        try {
            Path plain = plainFile(identifier);
            return Files.exists(plain) ? Files.size(plain) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of task log " + identifier, e);
        }
    }

    /** Cuts the plain log back to {@code size} bytes, undoing appends whose transaction did not commit. */
    public void truncate(String identifier, long size) {
        try (FileChannel channel = FileChannel.open(plainFile(identifier), StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (NoSuchFileException e) {
            // nothing was appended
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate task log " + identifier, e);
        }
    }

    /** Replaces the whole log, as a PUT of the logfile does. */
    public void replace(String identifier, InputStream content) {
        Path target = plainFile(identifier);
        try {
            Path temp = Files.createTempFile(directory, ".upload-", ".tmp");
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(gzipFile(identifier));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store task log " + identifier, e);
        }
    }

    /** Opens the log as plain CSV, whether or not it has been compressed; empty if nothing was stored yet. */
    public Optional<InputStream> open(String identifier) {
        try {
            Path plain = plainFile(identifier);
            if (Files.exists(plain)) {
                return Optional.of(Files.newInputStream(plain));
            }
            Path gzip = gzipFile(identifier);
            if (Files.exists(gzip)) {
                return Optional.of(new GZIPInputStream(Files.newInputStream(gzip)));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task log " + identifier, e);
        }
    }

    /** Compresses a finished log in place; reading it afterwards gives the same text. */
    public void compress(String identifier) {
        Path plain = plainFile(identifier);
        if (!Files.exists(plain)) {
            return;
        }
        Path gzip = gzipFile(identifier);
        try {
            Path temp = Files.createTempFile(directory, ".gzip-", ".tmp");
            try (InputStream in = Files.newInputStream(plain);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp))) {
                in.transferTo(out);
            }
            Files.move(temp, gzip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress task log " + identifier, e);
        }
    }

    public void delete(String identifier) {
        try {
            Files.deleteIfExists(plainFile(identifier));
            Files.deleteIfExists(gzipFile(identifier));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete task log " + identifier, e);
        }
    }

    public Path directory() {
        return directory;
    }

    private Path plainFile(String identifier) {
        return resolve(identifier, "");
    }

    private Path gzipFile(String identifier) {
        return resolve(identifier, ".gz");
    }

    private Path resolve(String identifier, String suffix) {
        if (!isValidIdentifier(identifier)) {
            throw new IllegalArgumentException("not a valid task log identifier: " + identifier);
        }
        Path path = directory.resolve(identifier + suffix).normalize();
        if (!path.getParent().equals(directory)) {
            throw new IllegalArgumentException("not a valid task log identifier: " + identifier);
        }
        return path;
    }
}
