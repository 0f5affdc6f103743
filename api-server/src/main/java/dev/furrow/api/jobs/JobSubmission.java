package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.limits.LimitAmounts;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated POST /api/v1/jobs/ body; names of referenced rows are resolved later by {@link JobReferences}. */
public record JobSubmission(
        String title, String jobtype, Integer jobtypeVersion, FrameRange frames, int batch, int priority, int weight,
        int requeue, int cpus, int ram, Integer ramWarning, Integer ramMax, Integer minimumAgents,
        Integer maximumAgents, Integer autodeleteTime, Integer numTiles, boolean hidden, String data, String environ,
        String notes, String outputLink, List<String> tags, List<TagRequirement> tagRequirements,
        List<SoftwareRequirement> softwareRequirements, List<Long> parents, String jobqueue, String user,
        Long jobgroupId, Map<String, Integer> limits) {

    /**
     * The body of POST /api/v1/jobs/.
     *
     * @param title          1-255 characters
     * @param jobtype        a job type's name
     * @param jobtypeVersion default: the job type's latest version
     * @param start          first frame; at most 4 decimal places
     * @param end            last frame, not before start
     * @param by             frame step, greater than 0; default 1
     * @param batch          frames per task, default 1
     * @param priority       -1000..1000, default 0
     * @param weight         default 10
     * @param requeue        retries of a failed task: -1 forever, 0 never; default 3
     * @param cpus           1-256, 0 for no minimum, -1 for the whole agent; default 1
     * @param ram            MB: 16-262144, 0 for no minimum, -1 for all; default 32
     * @param ramWarning     MB
     * @param ramMax         MB
     * @param autodeleteTime seconds after finishing until the job is deleted
     * @param data           job type parameters, e.g. {"command": [...]}
     * @param parents        ids of jobs that must finish first
     * @param jobqueue       a job queue's name or full path
     * @param user           an existing user's name
     * @param limits         how much of each limit every assigned task holds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobSubmission")
    record Body(
            String title, String jobtype, @Nullable Integer jobtypeVersion, BigDecimal start, BigDecimal end,
            @Nullable BigDecimal by, @Nullable Integer batch, @Nullable Integer priority, @Nullable Integer weight,
            @Nullable Integer requeue, @Nullable Integer cpus, @Nullable Integer ram, @Nullable Integer ramWarning,
            @Nullable Integer ramMax, @Nullable Integer minimumAgents, @Nullable Integer maximumAgents,
            @Nullable Integer autodeleteTime, @Nullable Integer numTiles, @Nullable Boolean hidden,
            @Nullable Map<String, Object> data, @Nullable Map<String, String> environ, @Nullable String notes,
            @Nullable String outputLink, @Nullable List<String> tags, @Nullable List<TagRequirement> tagRequirements,
            @Nullable List<SoftwareRequirement> softwareRequirements, @Nullable List<Long> parents,
            @Nullable String jobqueue, @Nullable String user, @Nullable Long jobgroupId,
            @Nullable Map<String, Integer> limits) {
    }

    /**
     * Software an agent must have, optionally within a version range (by version name).
     *
     * @param software the software's name
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SoftwareRequirementRequest")
    public record SoftwareRequirement(String software, @Nullable String minVersion, @Nullable String maxVersion) {

        /** Reads a body or list entry of this shape. */
        public static SoftwareRequirement read(JsonRequest entry) {
            entry.matching(SoftwareRequirement.class);
            return new SoftwareRequirement(entry.string("software").orElseThrow(),
                    entry.string("min_version").orElse(null), entry.string("max_version").orElse(null));
        }
    }

    public static JobSubmission read(JsonRequest body) {
        body.matching(Body.class);
        BigDecimal start = body.decimal("start").orElseThrow();
        BigDecimal end = body.decimal("end").orElseThrow();
        BigDecimal by = body.decimal("by").orElse(BigDecimal.ONE);
        Integer minimumAgents = JobLimits.atLeast("minimum_agents", body.integer("minimum_agents").orElse(null), 0);
        Integer maximumAgents = JobLimits.atLeast("maximum_agents", body.integer("maximum_agents").orElse(null), 0);
        if (minimumAgents != null && maximumAgents != null && minimumAgents > maximumAgents) {
            throw ApiException.badRequest("minimum_agents (" + minimumAgents + ") must not exceed maximum_agents (" + maximumAgents + ")");
        }
        Integer ramWarning = JobLimits.ramLimit("ram_warning", body.integer("ram_warning").orElse(null));
        Integer ramMax = JobLimits.ramLimit("ram_max", body.integer("ram_max").orElse(null));
        if (ramWarning != null && ramMax != null && ramWarning > ramMax) {
            throw ApiException.badRequest("ram_warning (" + ramWarning + ") must not exceed ram_max (" + ramMax + ")");
        }
        return new JobSubmission(
                JobLimits.title(body.string("title").orElseThrow()),
                body.string("jobtype").orElseThrow(),
                JobLimits.atLeast("jobtype_version", body.integer("jobtype_version").orElse(null), 1),
                new FrameRange(start, end, by),
                JobLimits.atLeast("batch", body.integer("batch").orElse(1), 1),
                JobLimits.priority(body.integer("priority").orElse(0)),
                JobLimits.atLeast("weight", body.integer("weight").orElse(10), 0),
                JobLimits.requeue(body.integer("requeue").orElse(3)),
                JobLimits.cpus(body.integer("cpus").orElse(1)),
                JobLimits.ram(body.integer("ram").orElse(32)),
                ramWarning, ramMax, minimumAgents, maximumAgents,
                JobLimits.atLeast("autodelete_time", body.integer("autodelete_time").orElse(null), 0),
                JobLimits.atLeast("num_tiles", body.integer("num_tiles").orElse(null), 1),
                body.bool("hidden").orElse(false),
                body.objectAsJson("data").orElse(null),
                environ(body),
                body.string("notes").orElse(""),
                body.string("output_link").orElse(null),
                tags(body.stringList("tags")),
                tagRequirements(body),
                softwareRequirements(body),
                parents(body),
                body.string("jobqueue").orElse(null),
                body.string("user").orElse(null),
                body.longValue("jobgroup_id").orElse(null),
                LimitAmounts.read(body).orElse(Map.of()));
    }

    static String environ(JsonRequest body) {
        return body.object("environ").map(environ -> {
            environ.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw ApiException.badRequest("environ." + entry.getKey() + " must be a string");
                }
            });
            return environ.toString();
        }).orElse(null);
    }

    private static List<String> tags(List<String> tags) {
        Set<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            unique.add(TagNames.check(tag));
        }
        return List.copyOf(unique);
    }

    private static List<TagRequirement> tagRequirements(JsonRequest body) {
        return body.list("tag_requirements").stream().map(item -> {
            JsonRequest entry = JsonRequest.element("tag_requirements", item, TagRequirement.class);
            return new TagRequirement(TagNames.check(entry.string("tag").orElseThrow()), entry.bool("negate").orElse(false));
        }).toList();
    }

    public static List<SoftwareRequirement> softwareRequirements(JsonRequest body) {
        return body.list("software_requirements").stream().map(item -> SoftwareRequirement.read(
                JsonRequest.element("software_requirements", item, SoftwareRequirement.class))).toList();
    }

    private static List<Long> parents(JsonRequest body) {
        return body.list("parents").stream().map((JsonNode item) -> {
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                throw ApiException.badRequest("'parents' must be a list of job ids");
            }
            return item.longValue();
        }).distinct().toList();
    }
}
