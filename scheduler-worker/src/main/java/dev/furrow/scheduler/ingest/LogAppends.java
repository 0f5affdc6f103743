package dev.furrow.scheduler.ingest;

import dev.furrow.store.logs.TaskLogFiles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file appends of one transaction that stores log chunks. A file is written before the commit (after it, a
 * crash could lose lines the database already counts); if the transaction then fails, {@link #undo} cuts each
 * file back to its size before the transaction, so a retry does not store the lines twice.
 */
final class LogAppends {

    private final TaskLogFiles files;
    private final Map<String, Long> sizesBefore = new LinkedHashMap<>();

    LogAppends(TaskLogFiles files) {
        this.files = files;
    }

    void append(String identifier, String csv) {
        if (csv.isEmpty()) {
            return;
        }
        sizesBefore.computeIfAbsent(identifier, files::plainSize);
        files.append(identifier, csv);
    }

    /** Cuts every file appended to back to its size before; the appends are forgotten. */
    void undo() {
        sizesBefore.forEach(files::truncate);
        sizesBefore.clear();
    }

    /** The transaction committed: the appends stay. */
    void keep() {
        sizesBefore.clear();
    }
}
