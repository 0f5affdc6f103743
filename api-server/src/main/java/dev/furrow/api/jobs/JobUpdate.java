package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.limits.LimitAmounts;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A validated POST /api/v1/jobs/{job} body: the columns to change (absent ones stay), a new frame range when
 * start, end or by is given, and a pause or unpause when state is given.
 */
record JobUpdate(Map<String, Object> columns, Optional<BigDecimal> start, Optional<BigDecimal> end,
                 Optional<BigDecimal> by, Optional<String> state, Optional<String> jobqueue, Optional<String> user,
                 boolean jobqueueGiven, boolean userGiven, Optional<Map<String, Integer>> limits) {

    /**
     * The body of POST /api/v1/jobs/{job}: only the fields that change; null clears a nullable one.
     *
     * @param state  'paused' pauses the job, 'queued' unpauses it
     * @param limits replaces the job's limits; {} clears them
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobUpdate")
    record Body(@Nullable String title, @Nullable BigDecimal start, @Nullable BigDecimal end, @Nullable BigDecimal by,
                @Nullable Integer batch, @Nullable Integer priority, @Nullable Integer weight,
                @Nullable Integer requeue, @Nullable Integer cpus, @Nullable Integer ram,
                @Nullable Integer ramWarning, @Nullable Integer ramMax, @Nullable Integer minimumAgents,
                @Nullable Integer maximumAgents, @Nullable Integer autodeleteTime, @Nullable Boolean hidden,
                @Nullable Map<String, Object> data, @Nullable Map<String, String> environ, @Nullable String notes,
                @Nullable String outputLink, @Nullable String state, @Nullable String jobqueue, @Nullable String user,
                @Nullable Long jobgroupId, @Nullable Map<String, Integer> limits) {
    }

    static JobUpdate read(JsonRequest body) {
        body.matching(Body.class);
        Map<String, Object> columns = new LinkedHashMap<>();
        body.string("title").ifPresent(t -> columns.put("title", JobLimits.title(t)));
        body.integer("batch").ifPresent(b -> columns.put("batch", JobLimits.atLeast("batch", b, 1)));
        body.integer("priority").ifPresent(p -> columns.put("priority", JobLimits.priority(p)));
        body.integer("weight").ifPresent(w -> columns.put("weight", JobLimits.atLeast("weight", w, 0)));
        body.integer("requeue").ifPresent(r -> columns.put("requeue", JobLimits.requeue(r)));
        body.integer("cpus").ifPresent(c -> columns.put("cpus", JobLimits.cpus(c)));
        body.integer("ram").ifPresent(r -> columns.put("ram", JobLimits.ram(r)));
        nullable(body, columns, "ram_warning", JobLimits.ramLimit("ram_warning", body.integer("ram_warning").orElse(null)));
        nullable(body, columns, "ram_max", JobLimits.ramLimit("ram_max", body.integer("ram_max").orElse(null)));
        nullable(body, columns, "minimum_agents", JobLimits.atLeast("minimum_agents", body.integer("minimum_agents").orElse(null), 0));
        nullable(body, columns, "maximum_agents", JobLimits.atLeast("maximum_agents", body.integer("maximum_agents").orElse(null), 0));
        nullable(body, columns, "autodelete_time", JobLimits.atLeast("autodelete_time", body.integer("autodelete_time").orElse(null), 0));
        body.bool("hidden").ifPresent(h -> columns.put("hidden", h));
        if (body.has("jobgroup_id")) {
            columns.put("job_group_id", body.longValue("jobgroup_id").orElse(null));
        }
        nullable(body, columns, "data", body.objectAsJson("data").orElse(null));
        nullable(body, columns, "environ", JobSubmission.environ(body));
        nullable(body, columns, "notes", body.string("notes").orElse(null));
        nullable(body, columns, "output_link", body.string("output_link").orElse(null));
        Optional<String> state = body.string("state");
        state.ifPresent(s -> {
            if (!s.equals("paused") && !s.equals("queued")) {
                throw ApiException.badRequest("state can only be set to 'paused' or back to 'queued'; "
                        + "the other states follow from the tasks");
            }
        });
        if (body.has("state") && state.isEmpty()) {
            throw ApiException.badRequest("state must be 'paused' or 'queued'");
        }
        return new JobUpdate(columns, body.decimal("start"), body.decimal("end"), body.decimal("by"), state,
                body.string("jobqueue"), body.string("user"), body.has("jobqueue"), body.has("user"), LimitAmounts.read(body));
    }

    private static void nullable(JsonRequest body, Map<String, Object> columns, String name, Object value) {
        if (body.has(name)) {
            columns.put(name, value);
        }
    }

    boolean changesFrames() {
        return start.isPresent() || end.isPresent() || by.isPresent();
    }
}
