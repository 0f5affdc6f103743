package dev.furrow.api.tasklogs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A task log registered with a task attempt. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TaskLog")
public record TaskLog(long id, String identifier, @Nullable String agentId, String createdOn) {
}
