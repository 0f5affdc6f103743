package dev.furrow.agent.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Drains one stream of a process into its {@link TaskLog} on its own thread, as fast as the child writes, so the
 * child never blocks on a full pipe. Lines longer than {@link #MAX_LINE_CHARS} are split, keeping memory bounded.
 */
public final class OutputPump implements Runnable {

    static final int MAX_LINE_CHARS = 16 * 1024;
    private static final Logger PROCESS_OUTPUT = LoggerFactory.getLogger("dev.furrow.agent.process.output");

    /** Sees every line before it is logged (progress parsing) and returns the text to log (usually the line). */
    @FunctionalInterface
    public interface LineListener {
        String onLine(String line);
    }

    private final InputStream input;
    private final int stream;
    private final long pid;
    private final TaskLog log;
    private final boolean echoToAgentLog;
    private final LineListener listener;

    public OutputPump(InputStream input, int stream, long pid, TaskLog log, boolean echoToAgentLog, LineListener listener) {
        this.input = input;
        this.stream = stream;
        this.pid = pid;
        this.log = log;
        this.echoToAgentLog = echoToAgentLog;
        this.listener = listener;
    }

    public Thread start(String name) {
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        char[] buffer = new char[8192];
        StringBuilder line = new StringBuilder();
        try (Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8)) {
            int read;
            while ((read = reader.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(line);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE_CHARS) {
                            emit(line);
                        }
                    }
                }
            }
            if (!line.isEmpty()) {
                emit(line);
            }
        } catch (IOException e) {
            // The pipe closes under us when the process tree is killed; what was read so far is logged.
            log.append(CsvRow.STDERR, pid, "[furrow-agent] reading the process output stopped: " + e.getMessage());
        }
    }

    private void emit(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        String text = listener.onLine(line.substring(0, end));
        line.setLength(0);
        log.append(stream, pid, text);
        if (echoToAgentLog) {
            PROCESS_OUTPUT.info("[{}] {}", pid, text);
        }
    }
}
