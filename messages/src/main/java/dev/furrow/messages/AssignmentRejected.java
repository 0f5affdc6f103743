package dev.furrow.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An agent refused an assignment (busy, unknown job type, not enough ram...); its tasks go back to the queue. */
public record AssignmentRejected(
        UUID agentId, UUID assignmentId, List<Long> taskIds, String reason, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "assignment.rejected";

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
