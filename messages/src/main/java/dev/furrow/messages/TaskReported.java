package dev.furrow.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent started, progressed on, finished or failed one attempt of a task. {@code sequence} grows with every
 * report of the same attempt, so a duplicate or late report can be recognised and ignored.
 */
public record TaskReported(
        UUID agentId, long jobId, long taskId, int attempt, long sequence,
        WorkState state, Double progress, String lastError, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "task.reported";

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
