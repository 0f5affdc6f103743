package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.limits.LimitAmounts;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated POST /api/v1/jobs/ body; names of referenced rows are resolved later by {@link JobReferences}. */
public record JobSubmission(
        String title, String jobtype, Integer jobtypeVersion, FrameRange frames,
        int batch, int priority, int weight, int requeue, int cpus, int ram, Integer ramWarning, Integer ramMax,
        Integer minimumAgents, Integer maximumAgents, Integer autodeleteTime, Integer numTiles,
        boolean hidden, String data, String environ, String notes, String outputLink,
        List<String> tags, List<TagRequirement> tagRequirements, List<SoftwareRequirement> softwareRequirements,
        List<Long> parents, String jobqueue, String user, Long jobgroupId, Map<String, Integer> limits) {

    static final Set<String> FIELDS = Set.of(
            "title", "jobtype", "jobtype_version", "start", "end", "by", "batch", "priority", "weight", "requeue",
            "cpus", "ram", "ram_warning", "ram_max", "minimum_agents", "maximum_agents", "autodelete_time",
            "num_tiles", "hidden", "data", "environ", "notes", "output_link", "tags", "tag_requirements",
            "software_requirements", "parents", "jobqueue", "user", "jobgroup_id", "limits");

    /** A tag an agent must (or, negated, must not) have. */
    public record TagRequirement(String tag, boolean negate) {
    }

    /** Software an agent must have, optionally within a version range (by version name). */
    public record SoftwareRequirement(String software, String minVersion, String maxVersion) {
    }

    public static JobSubmission read(JsonRequest body) {
        body.allowOnly(FIELDS).require("title", "jobtype", "start", "end");
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
            JsonRequest entry = JsonRequest.element("tag_requirements", item, Set.of("tag", "negate")).require("tag");
            return new TagRequirement(TagNames.check(entry.string("tag").orElseThrow()), entry.bool("negate").orElse(false));
        }).toList();
    }

    public static List<SoftwareRequirement> softwareRequirements(JsonRequest body) {
        return body.list("software_requirements").stream().map(item -> {
            JsonRequest entry = JsonRequest.element("software_requirements", item,
                    Set.of("software", "min_version", "max_version")).require("software");
            return new SoftwareRequirement(entry.string("software").orElseThrow(),
                    entry.string("min_version").orElse(null), entry.string("max_version").orElse(null));
        }).toList();
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
