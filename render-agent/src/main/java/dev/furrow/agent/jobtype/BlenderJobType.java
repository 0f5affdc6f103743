package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.AssignTasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code blender}: {@code blender -b <data.scene> -o <data.output> -f <frame>}; data.blender overrides the program. */
public final class BlenderJobType implements JobType {

    @Override
    public String name() {
        return "blender";
    }

    @Override
    public ProcessSpec processFor(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir) {
        String program = text(job.data(), "blender", "blender");
        String scene = required(job.data(), "scene");
        String output = required(job.data(), "output");
        List<String> argv = List.of(program, "-b", scene, "-o", output, "-f", FrameRange.format(task.frame()));
        return new ProcessSpec(argv, job.environ() == null ? Map.of() : job.environ(), new BlenderProgress(),
                CommandJobType.successCodes(job.data()));
    }

    private static String required(JsonNode data, String key) {
        String value = text(data, key, null);
        if (value == null) {
            throw new InvalidJobData("a 'blender' job needs data." + key
                    + " (data {\"scene\": \"/path/scene.blend\", \"output\": \"/path/out_####\"})");
        }
        return value;
    }

    private static String text(JsonNode data, String key, String fallback) {
        JsonNode value = data == null ? null : data.get(key);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
