package dev.furrow.messages;

import java.time.Instant;
import java.util.UUID;

/** An agent is shutting down cleanly and will take no more work. */
public record AgentWentOffline(UUID agentId, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "agent.offline";

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
