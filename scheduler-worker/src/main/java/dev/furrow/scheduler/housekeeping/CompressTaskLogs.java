package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.store.logs.TaskLogFiles;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Gzips task logs the agent has finished ({@code complete}: its last chunk arrived, nothing will be appended)
 * and records {@code compressed}. The file is compressed before the row is updated; a crash in between leaves a
 * gzipped log flagged uncompressed, which the next round flags (compressing a missing plain file does nothing).
 */
@Singleton
public final class CompressTaskLogs {

    private static final int LOGS_PER_BATCH = 200;

    private final Transactor transactor;
    private final TaskLogFiles logFiles;

    public CompressTaskLogs(Transactor transactor, TaskLogFiles logFiles) {
        this.transactor = transactor;
        this.logFiles = logFiles;
    }

    /** Compresses every complete, uncompressed log; returns how many. */
    public int run() {
        int total = 0;
        while (true) {
            List<String> batch = transactor.inTransaction(c -> {
                List<String> identifiers = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT identifier FROM task_logs WHERE complete = TRUE AND compressed = FALSE
                         ORDER BY id LIMIT\s""" + LOGS_PER_BATCH); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        identifiers.add(rs.getString(1));
                    }
                }
                return identifiers;
            });
            for (String identifier : batch) {
                logFiles.compress(identifier);
                transactor.inTransaction(c -> {
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE task_logs SET compressed = TRUE WHERE identifier = ?")) {
                        s.setString(1, identifier);
                        return s.executeUpdate();
                    }
                });
            }
            total += batch.size();
            if (batch.size() < LOGS_PER_BATCH) {
                return total;
            }
        }
    }
}
