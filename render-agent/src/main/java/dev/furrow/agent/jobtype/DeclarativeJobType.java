package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A job type from the master with classname {@code command}: its code is a JSON definition, e.g.
 * <pre>{"command": ["nuke", "-F", "{frame}", "{data.script}"], "environment": {"NUKE_THREADS": "4"},
 *  "success_codes": [0], "progress": "Rendering frame \\d+ \\((?&lt;progress&gt;\\d+)%\\)", "progress_scale": 100,
 *  "working_directory": "{data.shot_dir}"}</pre>
 * Placeholders work in the command, environment values and working directory. Progress is the regex's group
 * {@code progress} (or its first group) divided by {@code progress_scale} (default 1: the group is 0..1), or
 * {@code done}/{@code total} when the regex has groups with those names.
 */
public final class DeclarativeJobType implements JobType {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final JsonNode successCodes;
    private final Pattern progress;
    private final double progressScale;
    private final String workingDirectory;

    private DeclarativeJobType(String name, List<String> command, Map<String, String> environment,
                               JsonNode successCodes, Pattern progress, double progressScale, String workingDirectory) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.successCodes = successCodes;
        this.progress = progress;
        this.progressScale = progressScale;
        this.workingDirectory = workingDirectory;
    }

    /** Reads the definition; throws {@link InvalidJobData} naming what is wrong with it. */
    public static DeclarativeJobType parse(JobTypeDefinition definition) {
        JsonNode code;
        try {
            code = Json.mapper().readTree(definition.code());
        } catch (IOException e) {
            throw new InvalidJobData("the code of a 'command' job type must be a JSON definition: " + e.getMessage());
        }
        JsonNode argv = code.get("command");
        if (argv == null || !argv.isArray() || argv.isEmpty()) {
            throw new InvalidJobData("the definition needs \"command\": [\"program\", \"argument {frame}\", ...]");
        }
        List<String> command = new ArrayList<>();
        argv.forEach(arg -> command.add(arg.isTextual() ? arg.asText() : arg.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = code.get("environment");
        if (env != null && !env.isNull()) {
            if (!env.isObject()) {
                throw new InvalidJobData("\"environment\" must be a mapping of variable names to values");
            }
            env.fields().forEachRemaining(field -> environment.put(field.getKey(),
                    field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        }
        Pattern progress = null;
        if (code.hasNonNull("progress")) {
            try {
                progress = Pattern.compile(code.get("progress").asText());
            } catch (PatternSyntaxException e) {
                throw new InvalidJobData("\"progress\" is not a valid regular expression: " + e.getDescription());
            }
        }
        double scale = code.hasNonNull("progress_scale") ? code.get("progress_scale").asDouble() : 1;
        if (scale <= 0) {
            throw new InvalidJobData("\"progress_scale\" must be positive (1 for 0..1, 100 for percentages)");
        }
        JsonNode codes = code.get("success_codes");
        CommandJobType.successCodes(codes == null ? null : Json.mapper().createObjectNode().set("success_codes", codes));
        String workingDirectory = code.hasNonNull("working_directory") ? code.get("working_directory").asText() : null;
        return new DeclarativeJobType(definition.name(), List.copyOf(command), Map.copyOf(environment), codes,
                progress, scale, workingDirectory);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProcessSpec processFor(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir) {
        Placeholders placeholders = new Placeholders(task.frame(), frames, job.data());
        List<String> argv = command.stream().map(placeholders::apply).toList();
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((key, value) -> env.put(key, placeholders.apply(value)));
        if (job.environ() != null) {
            env.putAll(job.environ());
        }
        // the job's data.success_codes win over the definition's
        JsonNode codes = job.data() != null && job.data().hasNonNull("success_codes") ? job.data()
                : successCodes == null ? null : Json.mapper().createObjectNode().set("success_codes", successCodes);
        Set<Integer> success = CommandJobType.successCodes(codes);
        Path directory = workingDirectory == null ? null : Path.of(placeholders.apply(workingDirectory));
        return new ProcessSpec(argv, env, progress == null ? ProgressParser.NONE : this::progressFrom, success,
                directory, TaskHooks.NONE);
    }

    private OptionalDouble progressFrom(String line) {
        Matcher matcher = progress.matcher(line);
        if (!matcher.find()) {
            return OptionalDouble.empty();
        }
        try {
            if (hasGroup(matcher, "done") && hasGroup(matcher, "total")) {
                double total = Double.parseDouble(matcher.group("total"));
                return total <= 0 ? OptionalDouble.empty()
                        : OptionalDouble.of(Double.parseDouble(matcher.group("done")) / total);
            }
            String value = hasGroup(matcher, "progress") ? matcher.group("progress")
                    : matcher.groupCount() >= 1 ? matcher.group(1) : null;
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value) / progressScale);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static boolean hasGroup(Matcher matcher, String group) {
        try {
            return matcher.group(group) != null;
        } catch (IllegalArgumentException noSuchGroup) {
            return false;
        }
    }
}
