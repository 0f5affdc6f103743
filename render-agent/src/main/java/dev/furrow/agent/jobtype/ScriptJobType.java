package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job type from the master with classname {@code script}: JavaScript defining hook functions, run per task in a
 * {@link JsSandbox}. {@code command(task)} is required and returns the argv (or
 * {@code {command, environment, working_directory}}); {@code processLine}, {@code succeeded}, {@code mapPath},
 * {@code beforeStart} and {@code afterStart} are optional (see {@link ScriptHooks}).
 */
public final class ScriptJobType implements JobType {

    private final JobTypeDefinition definition;
    private final ScriptEngines engines;

    public ScriptJobType(JobTypeDefinition definition, ScriptEngines engines) {
        this.definition = definition;
        this.engines = engines;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public ProcessSpec processFor(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir) {
        ObjectNode taskJson = taskObject(job, task, frames, tempDir);
        JsSandbox sandbox;
        try {
            sandbox = engines.open(definition.name(), definition.code());
        } catch (TaskHooks.HookFailed e) {
            throw new InvalidJobData(e.getMessage());
        }
        try {
            JsonNode result = parse(sandbox.call("command", args(taskJson)));
            if (result == null || result.isNull()) {
                throw new InvalidJobData("job type '" + name() + "' defines no command(task) function returning the "
                        + "command line, e.g. function command(task) { return [\"render\", String(task.frame)]; }");
            }
            JsonNode argv = result.isObject() ? result.get("command") : result;
            if (argv == null || !argv.isArray() || argv.isEmpty()) {
                throw new InvalidJobData("job type '" + name() + "': command(task) must return a non-empty list of "
                        + "arguments or {command: [...], environment: {...}, working_directory: ...}; got " + result);
            }
            List<String> command = new ArrayList<>();
            argv.forEach(arg -> command.add(arg.isTextual() ? arg.asText() : arg.toString()));
            Map<String, String> environment = new LinkedHashMap<>();
            JsonNode env = result.get("environment");
            if (env != null && env.isObject()) {
                env.fields().forEachRemaining(field -> environment.put(field.getKey(), field.getValue().asText()));
            }
            if (job.environ() != null) {
                environment.putAll(job.environ());
            }
            Path directory = result.hasNonNull("working_directory") ? Path.of(result.get("working_directory").asText()) : null;
            Set<Integer> success = CommandJobType.successCodes(job.data());
            return new ProcessSpec(command, environment, ProgressParser.NONE, success, directory,
                    new ScriptHooks(sandbox, taskJson));
        } catch (TaskHooks.HookFailed | InvalidJobData e) {
            sandbox.close();
            throw e instanceof InvalidJobData invalid ? invalid : new InvalidJobData(e.getMessage());
        }
    }

    /** What every hook gets as {@code task}. */
    private static ObjectNode taskObject(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("frame", task.frame());
        json.put("start", frames.start());
        json.put("end", frames.end());
        json.put("by", frames.by());
        if (task.tile() != null) {
            json.put("tile", task.tile());
        }
        json.put("task_id", task.id());
        json.put("attempt", task.attempt());
        json.put("job_id", job.id());
        json.put("title", job.title());
        json.put("user", job.user());
        json.put("jobtype", job.jobtype());
        json.put("jobtype_version", job.jobtypeVersion());
        json.set("data", job.data() == null ? Json.mapper().createObjectNode() : job.data());
        json.set("environ", Json.mapper().valueToTree(job.environ() == null ? Map.of() : job.environ()));
        json.put("temp_dir", tempDir.toString());
        return json;
    }

    static String args(JsonNode... values) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (JsonNode value : values) {
            array.add(value);
        }
        return array.toString();
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new TaskHooks.HookFailed("a hook returned something that is not JSON: " + e.getMessage());
        }
    }
}
