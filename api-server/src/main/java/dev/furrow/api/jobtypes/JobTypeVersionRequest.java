package dev.furrow.api.jobtypes;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobSubmission;
import dev.furrow.api.limits.LimitAmounts;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated POST /jobtypes/ or PUT /jobtypes/{name} body: a new job type version. {@code classname} says how
 * Furrow agents run it: {@code builtin}, {@code command} (code is a JSON command definition) or {@code script}.
 */
record JobTypeVersionRequest(String name, String description, String classname, String code, Integer maxBatch,
                             boolean batchContiguous, boolean noAutomaticStartTime, boolean supportsTiling,
                             List<JobSubmission.SoftwareRequirement> softwareRequirements,
                             Map<String, Integer> limits) {

    static final Set<String> CLASSNAMES = Set.of("builtin", "command", "script");

    /**
     * The body of POST /jobtypes/ (name required) and PUT /jobtypes/{name} (name from the path).
     *
     * @param name            1-64 characters; required by POST
     * @param classname       builtin, command or script (default)
     * @param code            a JSON command definition (command) or the script (script)
     * @param maxBatch        default 1
     * @param batchContiguous default true
     * @param limits          how much of each limit every assigned task holds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobTypeRequest")
    record Body(@Nullable String name, @Nullable String description, @Nullable String classname,
                @Nullable String code, @Nullable Integer maxBatch, @Nullable Boolean batchContiguous,
                @Nullable Boolean noAutomaticStartTime, @Nullable Boolean supportsTiling,
                @Nullable List<JobSubmission.SoftwareRequirement> softwareRequirements,
                @Nullable Map<String, Integer> limits) {
    }

    static JobTypeVersionRequest read(JsonRequest body, String nameFromPath) {
        body.matching(Body.class);
        String name = body.string("name").orElse(nameFromPath);
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        if (nameFromPath != null && !name.equals(nameFromPath)) {
            throw ApiException.badRequest("the body names jobtype '" + name + "' but the path names '" + nameFromPath + "'");
        }
        if (name.isBlank() || name.length() > 64 || name.matches("[0-9]+") || name.equals("schema")) {
            throw ApiException.badRequest("a jobtype name has 1 to 64 characters and is neither a number nor 'schema': '" + name + "'");
        }
        String classname = body.string("classname").orElse("script");
        if (!CLASSNAMES.contains(classname)) {
            throw ApiException.badRequest("classname must be one of " + CLASSNAMES + " (how Furrow agents run the job type), not '" + classname + "'");
        }
        String code = body.string("code").orElse(classname.equals("builtin") ? "" : null);
        if (code == null) {
            throw ApiException.badRequest("'code' is required for a " + classname + " jobtype");
        }
        if (classname.equals("command")) {
            JsonRequest.parse(code);
        }
        Integer maxBatch = body.integer("max_batch").orElse(1);
        if (maxBatch != null && maxBatch < 1) {
            throw ApiException.badRequest("max_batch (" + maxBatch + ") must be at least 1");
        }
        return new JobTypeVersionRequest(name, body.string("description").orElse(null), classname, code, maxBatch,
                body.bool("batch_contiguous").orElse(true), body.bool("no_automatic_start_time").orElse(false),
                body.bool("supports_tiling").orElse(false), JobSubmission.softwareRequirements(body),
                LimitAmounts.read(body).orElse(Map.of()));
    }
}
