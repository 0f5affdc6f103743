package dev.furrow.agent.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names of task log files, like {@code 2026-11-23_16-05-00_42_<uuid hex>.csv}: plain file names that the master's
 * task log store accepts (PyFarm's jobtype_task_log_filename: time, job, process).
 */
public final class LogIdentifier {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);
    /** Same rule as the store's TaskLogFiles: no separators, no "..", nothing a shell or URL would mangle. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private LogIdentifier() {
    }

    public static String create(Instant at, long jobId) {
        return TIME.format(at) + "_" + jobId + "_" + UUID.randomUUID().toString().replace("-", "") + ".csv";
    }

    public static boolean isValid(String identifier) {
        return identifier != null && VALID.matcher(identifier).matches() && !identifier.contains("..");
    }
}
