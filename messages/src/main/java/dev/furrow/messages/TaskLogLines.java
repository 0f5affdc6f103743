package dev.furrow.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A chunk of a task log: consecutive CSV lines (time, stream, line number, pid, message) of the log named
 * {@code identifier}, starting at line {@code firstLine} (1-based). The first chunk of a log registers it against
 * every task of the attempt listed in {@code taskIds}.
 */
public record TaskLogLines(
        UUID agentId, long jobId, List<Long> taskIds, int attempt, String identifier,
        long firstLine, String csv, boolean last, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "task.log-lines";

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
