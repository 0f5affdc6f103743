package dev.furrow.agent.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.jobtype.JobType;
import dev.furrow.agent.jobtype.ProcessSpec;
import dev.furrow.messages.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns what a job type asked for into what is started: the whole environment ({@link ProcessEnvironment}),
 * $VAR expansion and path mapping of every argument and of the working directory (the job's
 * {@code data.path_maps} first, then agent_path_maps, then the master's path maps for this agent; a script job
 * type's mapPath hook wins), and the working
 * directory (the job type's, else {@code data.working_directory}, else the assignment's scratch directory), and the
 * user and group it runs as ({@link RunAs}).
 */
public final class ProcessSetup {

    private final ProcessEnvironment environment;
    private final List<PathMap> agentPathMaps;
    private final Supplier<List<PathMap>> masterPathMaps;
    private final RunAs runAs;

    /** {@code masterPathMaps}: the master's path maps for this agent as last fetched. */
    public ProcessSetup(ProcessEnvironment environment, List<PathMap> agentPathMaps,
                        Supplier<List<PathMap>> masterPathMaps, RunAs runAs) {
        this.environment = environment;
        this.agentPathMaps = agentPathMaps;
        this.masterPathMaps = masterPathMaps;
        this.runAs = runAs;
    }

    public static ProcessSetup of(AgentConfig config, Supplier<List<PathMap>> masterPathMaps) {
        return new ProcessSetup(ProcessEnvironment.of(config), config.pathMaps(), masterPathMaps,
                new RunAs(config.runAsUser(), config.runAsGroup(), Account.currentUid()));
    }

    /** The spec ready to start; throws {@link JobType.InvalidJobData} for bad path maps or a missing directory. */
    public ProcessSpec prepare(ProcessSpec spec, JsonNode jobData, Path scratchDir) {
        List<PathMap> maps = new ArrayList<>(jobPathMaps(jobData));
        maps.addAll(agentPathMaps);
        maps.addAll(masterPathMaps.get());
        Optional<RunAs.Identity> identity = runAs.identityFor(jobData);
        Map<String, String> env = environment.build(spec.environment());
        identity.ifPresent(user -> env.putAll(user.environment()));
        List<String> command = spec.command().stream().map(arg -> mapped(environment.expand(arg, env), maps, spec)).toList();
        Path workingDirectory = scratchDir;
        String requested = spec.workingDirectory() != null ? spec.workingDirectory().toString()
                : jobData != null && jobData.hasNonNull("working_directory") ? jobData.get("working_directory").asText() : null;
        if (requested != null) {
            workingDirectory = Path.of(mapped(environment.expand(requested, env), maps, spec));
            if (!Files.isDirectory(workingDirectory)) {
                throw new JobType.InvalidJobData("the working directory " + workingDirectory
                        + " does not exist on this agent; create it or fix working_directory / the path maps");
            }
        }
        ProcessSpec ready = spec.with(command, env, workingDirectory);
        return identity.map(user -> user.wrap(ready, scratchDir)).orElse(ready);
    }

    private static String mapped(String value, List<PathMap> maps, ProcessSpec spec) {
        return spec.hooks().mapPath(value, maps).orElseGet(() -> {
            for (PathMap map : maps) {
                String result = map.apply(value);
                if (!result.equals(value)) {
                    return result;
                }
            }
            return value;
        });
    }

    private static List<PathMap> jobPathMaps(JsonNode data) {
        JsonNode maps = data == null ? null : data.get("path_maps");
        if (maps == null || maps.isNull()) {
            return List.of();
        }
        try {
            return List.of(Json.mapper().treeToValue(maps, PathMap[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new JobType.InvalidJobData("data.path_maps must be a list like [{\"from\": \"/mnt/projects\", "
                    + "\"to\": \"/projects\"}]: " + e.getMessage());
        }
    }
}
