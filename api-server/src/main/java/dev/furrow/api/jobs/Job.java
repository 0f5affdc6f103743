package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.software.SoftwareRequirement;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A job in PyFarm's JSON form, as submitting, reading, updating and the job actions answer it.
 *
 * @param state     queued, running, paused, failed or done
 * @param limits    how much of each limit every assigned task holds
 * @param blockedBy the parents that are not done, which keep this job's tasks waiting (Furrow)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Job")
public record Job(
        long id, String title, String state, String jobtype, int jobtypeVersion, @Nullable String jobqueue,
        @Nullable String user, @Nullable Long jobgroupId, double start, double end, double by, int batch,
        int priority, int weight, @Nullable Integer minimumAgents, @Nullable Integer maximumAgents, int requeue,
        int cpus, int ram, @Nullable Integer ramWarning, @Nullable Integer ramMax, @Nullable Integer numTiles,
        boolean hidden, boolean toBeDeleted, @Nullable Integer autodeleteTime,
        @Nullable @Schema(type = "object") JsonNode data, @Nullable @Schema(type = "object") JsonNode environ,
        String notes, @Nullable String outputLink, String timeSubmitted, @Nullable String timeStarted,
        @Nullable String timeFinished, List<String> tags, List<TagRequirement> tagRequirements,
        List<SoftwareRequirement> softwareRequirements, Map<String, Integer> limits, List<Long> parents,
        List<Long> children, List<BlockingParent> blockedBy, List<NotifiedUser> notifiedUsers) {
}
