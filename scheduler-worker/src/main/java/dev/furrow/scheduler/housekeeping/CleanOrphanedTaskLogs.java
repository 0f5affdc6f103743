package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.store.logs.TaskLogFiles;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PyFarm's orphaned log cleanup: removes {@code task_logs} rows no task attempt refers to any more, with their
 * files, and files in the log directory that have no row. Only things older than {@code grace} go: a log whose
 * first chunk is being written has its file before its row commits.
 */
@Singleton
public final class CleanOrphanedTaskLogs {

    private static final Logger LOG = LoggerFactory.getLogger(CleanOrphanedTaskLogs.class);

    private final Transactor transactor;
    private final TaskLogFiles logFiles;

    public CleanOrphanedTaskLogs(Transactor transactor, TaskLogFiles logFiles) {
        this.transactor = transactor;
        this.logFiles = logFiles;
    }

    /** Returns the identifiers removed. */
    public List<String> run(Instant now, Duration grace) {
        Instant cutoff = now.minus(grace);
        List<String> removed = transactor.inTransaction(c -> {
            List<String> identifiers = new ArrayList<>();
            String orphans = """
                     FROM task_logs l WHERE l.created_on < ?
                      AND NOT EXISTS (SELECT 1 FROM task_log_associations a WHERE a.task_log_id = l.id)""";
            try (PreparedStatement s = c.prepareStatement("SELECT l.identifier " + orphans + " FOR UPDATE")) {
                Sql.setInstant(s, 1, cutoff);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        identifiers.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE l " + orphans)) {
                Sql.setInstant(s, 1, cutoff);
                s.executeUpdate();
            }
            return identifiers;
        });
        removed.forEach(logFiles::delete);
        Set<String> known = transactor.inTransaction(c -> {
            Set<String> identifiers = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT identifier FROM task_logs");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    identifiers.add(rs.getString(1));
                }
            }
            return identifiers;
        });
        for (Path file : filesOlderThan(cutoff)) {
            String name = file.getFileName().toString();
            String identifier = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            if (TaskLogFiles.isValidIdentifier(identifier) && !known.contains(identifier)) {
                logFiles.delete(identifier);
                removed.add(identifier);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("removed {} orphaned task log(s)", removed.size());
        }
        return removed;
    }

    private List<Path> filesOlderThan(Instant cutoff) {
        try (Stream<Path> files = Files.list(logFiles.directory())) {
            List<Path> old = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        old.add(file);
                    }
                } catch (NoSuchFileException gone) {
                    // Compressed or deleted since the listing: nothing left to clean.
                    continue;
                }
            }
            return old;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the task log directory " + logFiles.directory(), e);
        }
    }
}
