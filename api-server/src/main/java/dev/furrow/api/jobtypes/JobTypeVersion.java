package dev.furrow.api.jobtypes;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.software.SoftwareRequirement;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * One version of a job type: what agents fetch to run its tasks (GET /jobtypes/{name}, .../versions/{n}).
 *
 * @param classname how Furrow agents run it: builtin, command or script
 * @param limits    how much of each limit every assigned task holds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "JobType")
public record JobTypeVersion(
        long id, String name, @Nullable String description, int version, String classname, String code,
        @Nullable Integer maxBatch, boolean batchContiguous, boolean noAutomaticStartTime, boolean supportsTiling,
        List<SoftwareRequirement> softwareRequirements, Map<String, Integer> limits) {
}
