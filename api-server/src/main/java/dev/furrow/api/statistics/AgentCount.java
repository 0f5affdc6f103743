package dev.furrow.api.statistics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One sample of PyFarm's {@code agent_counts}: how many agents were in each state.
 *
 * @param countedTime when the sample was taken (UTC)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "AgentCount")
public record AgentCount(String countedTime, int numOnline, int numRunning, int numOffline, int numDisabled) {
}
