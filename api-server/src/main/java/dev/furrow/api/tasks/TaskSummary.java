package dev.furrow.api.tasks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A task as GET /jobs/{job}/tasks/ lists it.
 *
 * @param state    queued, running, paused, failed or done
 * @param progress 0.0 to 1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TaskSummary")
public record TaskSummary(
        long id, long jobId, double frame, @Nullable Integer tile, String state, boolean hidden, int priority,
        int attempts, int failures, double progress, @Nullable String agentId, @Nullable String lastError,
        String timeSubmitted, @Nullable String timeStarted, @Nullable String timeFinished) {
}
