package dev.furrow.api.agents;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** An agent as GET /api/v1/agents/ lists it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "AgentSummary")
public record AgentSummary(String id, String hostname, int port, @Nullable String remoteIp, String state) {
}
