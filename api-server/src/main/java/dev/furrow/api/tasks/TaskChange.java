package dev.furrow.api.tasks;

import dev.furrow.api.agents.AgentId;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.http.StateNames;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a POST /api/v1/jobs/<job>/tasks/<id> asks to change; absent fields stay as they are.
 * {@code agentId} is present-with-null when the request un-assigns the task.
 */
public record TaskChange(Optional<String> state, Optional<Double> progress, Optional<String> lastError,
                         boolean agentGiven, UUID agentId, Optional<Boolean> hidden) {

    static final Set<String> FIELDS = Set.of("state", "progress", "last_error", "agent_id", "hidden");

    public static TaskChange read(JsonRequest body) {
        body.allowOnly(FIELDS);
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
