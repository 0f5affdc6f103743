package dev.furrow.agent.logs;

import java.time.Instant;

/** One task log row: time (ISO-8601), stream (0 stdout, 1 stderr), line number, pid, message; RFC 4180 quoting. */
public record CsvRow(Instant time, int stream, long lineNumber, long pid, String message) {

    public static final int STDOUT = 0;
    public static final int STDERR = 1;

    /** The row as one CSV line ending in \n. The message never contains \n (lines are split on it). */
    public String toCsv() {
        return time + "," + stream + "," + lineNumber + "," + pid + "," + quoted(message) + "\n";
    }

    static String quoted(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0;
        return needsQuotes ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
