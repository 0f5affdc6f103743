package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.fakerender.FakeRender;
import dev.furrow.messages.AssignTasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fake-render}: PyFarm's pyfarm-dev-fakerender, run as a child JVM from the agent's own jar so that it is a
 * real process (its own ram, exit code, signals, process tree) like any render. Data keys: output_dir, duration,
 * jitter, ram, return_code, spew, segfault (true = PyFarm's 25% chance, or a chance 0..1).
 */
public final class FakeRenderJobType implements JobType {

    private static final Pattern PROGRESS = Pattern.compile("^" + Pattern.quote(FakeRender.PROGRESS_PREFIX) + "\\s*(\\d+(?:\\.\\d+)?)%");
    private static final int JVM_OVERHEAD_MB = 64;

    @Override
    public String name() {
        return "fake-render";
    }

    @Override
    public ProcessSpec processFor(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir) {
        JsonNode data = job.data();
        int ram = (int) number(data, "ram", 0);
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (ram + ram / 4 + JVM_OVERHEAD_MB) + "m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                FakeRender.class.getName(),
                "--start", FrameRange.format(task.frame()),
                "--duration", Double.toString(number(data, "duration", 0.1)),
                "--duration-jitter", Double.toString(number(data, "jitter", 0)),
                "--ram", Integer.toString(ram),
                "--return-code", Integer.toString((int) number(data, "return_code", 0))));
        if (data != null && data.hasNonNull("output_dir")) {
            argv.addAll(List.of("--output-dir", data.get("output_dir").asText()));
        }
        if (data != null && data.path("spew").asBoolean(false)) {
            argv.add("--spew");
        }
        JsonNode segfault = data == null ? null : data.get("segfault");
        if (segfault != null && (segfault.isNumber() || segfault.asBoolean(false))) {
            argv.add("--segfault");
            if (segfault.isNumber()) {
                argv.addAll(List.of("--segfault-chance", Double.toString(segfault.asDouble())));
            }
        }
        return new ProcessSpec(argv, job.environ() == null ? Map.of() : job.environ(), FakeRenderJobType::progress, Set.of(0));
    }

    static OptionalDouble progress(String line) {
        Matcher matcher = PROGRESS.matcher(line);
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1)) / 100.0) : OptionalDouble.empty();
    }

    private static double number(JsonNode data, String key, double fallback) {
        JsonNode value = data == null ? null : data.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new InvalidJobData("data." + key + " of a 'fake-render' job must be a number, got " + value);
        }
        return value.asDouble();
    }
}
