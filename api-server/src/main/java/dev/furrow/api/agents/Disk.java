package dev.furrow.api.agents;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One disk of an agent, as agents report it and the agent document shows it.
 *
 * @param size bytes
 * @param free bytes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Disk")
public record Disk(String mountpoint, long size, long free) {
}
