package dev.furrow.api.tasks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.agents.AgentId;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.http.StateNames;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Optional;
import java.util.UUID;

/**
 * What a POST /api/v1/jobs/{job}/tasks/{id} asks to change; absent fields stay as they are.
 * {@code agentId} is present-with-null when the request un-assigns the task.
 */
public record TaskChange(Optional<String> state, Optional<Double> progress, Optional<String> lastError,
                         boolean agentGiven, UUID agentId, Optional<Boolean> hidden) {

    /**
     * The body of POST /jobs/{job}/tasks/{id}: what agents and scripts report.
     *
     * @param state    queued, running, paused, failed or done
     * @param progress 0.0 to 1.0
     * @param agentId  the agent working on it; null takes it from its agent
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "TaskUpdate")
    record Body(@Nullable String state, @Nullable Double progress, @Nullable String lastError,
                @Nullable String agentId, @Nullable Boolean hidden) {
    }

    public static TaskChange read(JsonRequest body) {
        body.matching(Body.class);
        Optional<String> state = body.string("state");
        state.ifPresent(s -> StateNames.work("state", s));
        Optional<Double> progress = body.number("progress");
        progress.ifPresent(p -> {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw ApiException.badRequest("progress (" + p + ") must be between 0.0 and 1.0");
            }
        });
        UUID agentId = body.string("agent_id").map(text -> UUID.fromString(AgentId.parse(text))).orElse(null);
        return new TaskChange(state, progress, body.string("last_error"), body.has("agent_id"), agentId, body.bool("hidden"));
    }
}
