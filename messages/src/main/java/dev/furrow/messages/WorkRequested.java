package dev.furrow.messages;

import java.time.Instant;
import java.util.UUID;

/** An agent has room for more work: the trigger for a dispatch decision for that agent. */
public record WorkRequested(UUID agentId, int freeCpus, int freeRam, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "agent.work-requested";

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
