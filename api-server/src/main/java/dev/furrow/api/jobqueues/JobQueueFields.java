package dev.furrow.api.jobqueues;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** The columns a job queue POST may set, validated; absent keys are left out so updates keep them. */
record JobQueueFields(Map<String, Object> columns) {

    /**
     * The body of POST /jobqueues/ (name required) and POST /jobqueues/{queue} (only what changes).
     *
     * @param name             1-255 characters, no '/'; required to create
     * @param priority         -1000..1000, default 5
     * @param weight           default 10
     * @param parentJobqueueId the parent queue's id; null for a top-level queue
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobQueueRequest")
    record Body(@Nullable String name, @Nullable Integer priority, @Nullable Integer weight,
                @Nullable Integer minimumAgents, @Nullable Integer maximumAgents, @Nullable Long parentJobqueueId) {
    }

    static JobQueueFields read(JsonRequest body) {
        body.matching(Body.class);
        Map<String, Object> columns = new LinkedHashMap<>();
        body.string("name").ifPresent(name -> {
            if (name.isBlank() || name.length() > 255 || name.contains("/") || name.matches("[0-9]+") || name.equals("schema")) {
                throw ApiException.badRequest("a queue name has 1 to 255 characters, no '/', and is neither a number nor 'schema': '" + name + "'");
            }
            columns.put("name", name);
        });
        body.integer("priority").ifPresent(p -> {
            if (p < -1000 || p > 1000) {
                throw ApiException.badRequest("priority (" + p + ") must be between -1000 and 1000");
            }
            columns.put("priority", p);
        });
        body.integer("weight").ifPresent(w -> columns.put("weight", atLeastZero("weight", w)));
        for (String limit : new String[]{"minimum_agents", "maximum_agents"}) {
            if (body.has(limit)) {
                columns.put(limit, body.integer(limit).map(v -> atLeastZero(limit, v)).orElse(null));
            }
        }
        if (body.has("parent_jobqueue_id")) {
            columns.put("parent_jobqueue_id", body.longValue("parent_jobqueue_id").orElse(null));
        }
        return new JobQueueFields(columns);
    }

    private static int atLeastZero(String name, int value) {
        if (value < 0) {
            throw ApiException.badRequest(name + " (" + value + ") must not be negative");
        }
        return value;
    }
}
