package dev.furrow.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An agent is alive; sent every heartbeat interval and whenever its free ram changed enough to matter. */
public record AgentHeartbeat(
        UUID agentId, AgentState state, int freeRam, List<Long> runningTaskIds, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "agent.heartbeat";

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
