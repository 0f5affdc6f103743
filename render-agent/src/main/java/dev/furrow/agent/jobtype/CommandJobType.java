package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.AssignTasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code command}: data {"command": ["prog", "arg {frame}", ...], "success_codes": [0]}, run once per task. */
public final class CommandJobType implements JobType {

    @Override
    public String name() {
        return "command";
    }

    @Override
    public ProcessSpec processFor(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir) {
        JsonNode command = job.data() == null ? null : job.data().get("command");
        if (command == null || !command.isArray() || command.isEmpty()) {
            throw new InvalidJobData("a 'command' job needs data {\"command\": [\"program\", \"argument\", ...]}");
        }
        Placeholders placeholders = new Placeholders(task.frame(), frames, job.data());
        List<String> argv = new ArrayList<>();
        command.forEach(arg -> argv.add(placeholders.apply(arg.isTextual() ? arg.asText() : arg.toString())));
        return new ProcessSpec(argv, job.environ() == null ? java.util.Map.of() : job.environ(),
                ProgressParser.NONE, successCodes(job.data()));
    }

    static Set<Integer> successCodes(JsonNode data) {
        JsonNode codes = data == null ? null : data.get("success_codes");
        if (codes == null || codes.isNull()) {
            return Set.of(0);
        }
        if (!codes.isArray() || codes.isEmpty()) {
            throw new InvalidJobData("data.success_codes must be a list of exit codes, e.g. [0, 1]");
        }
        Set<Integer> result = new LinkedHashSet<>();
        codes.forEach(code -> result.add(code.asInt()));
        return result;
    }
}
