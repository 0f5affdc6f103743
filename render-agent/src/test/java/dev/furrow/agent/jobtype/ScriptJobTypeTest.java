package dev.furrow.agent.jobtype;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Script job types run their hooks in a GraalJS sandbox that reaches nothing outside the script. */
class ScriptJobTypeTest {

    private static final FrameRange FRAMES = new FrameRange(1, 10, 1);
    private static final Path TEMP = Path.of("/tmp/scratch");

    @Test
    void hooksBuildTheCommandRewriteLinesReportProgressAndDecideSuccess() throws Exception {
        ProcessSpec spec = script("""
                function command(task) {
                  return {command: ["render", "-f", String(task.frame), task.data.scene],
                          environment: {SHOT: task.data.shot}};
                }
                function processLine(line, stream) {
                  const m = /^PCT (\\d+)$/.exec(line);
                  return m ? {line: "progress " + m[1] + "%", progress: Number(m[1]) / 100} : undefined;
                }
                function succeeded(exitCode) { return exitCode === 0 || exitCode === 3; }
                function beforeStart(task) { return ["rendering frame " + task.frame + " of " + task.end]; }
                function mapPath(path, maps) { return path.replace(/^X:/, "/mnt/x"); }
                """).processFor(job("{\"scene\": \"X:/shot.blend\", \"shot\": \"sh010\"}"), task(4), FRAMES, TEMP);
        try (TaskHooks hooks = spec.hooks()) {
            assertThat(spec.command()).containsExactly("render", "-f", "4", "X:/shot.blend");
            assertThat(spec.environment()).containsEntry("SHOT", "sh010");
            assertThat(hooks.mapPath("X:/shot.blend", List.of())).contains("/mnt/x/shot.blend");
            assertThat(hooks.beforeStart()).containsExactly("rendering frame 4 of 10");
            TaskHooks.ProcessedLine line = hooks.onLine(0, "PCT 40");
            assertThat(line.text()).isEqualTo("progress 40%");
            assertThat(line.progress()).hasValue(0.4);
            assertThat(hooks.onLine(1, "other").text()).isEqualTo("other");
            assertThat(spec.succeeded(3)).isTrue();
            assertThat(spec.succeeded(1)).isFalse();
            assertThat(hooks.failure()).isEmpty();
        }
    }

    @Test
    void hostClassesAreRefused() {
        assertThatThrownBy(() -> script("""
                function command(task) { const File = Java.type("java.io.File"); return ["ls", String(new File("/").list())]; }
                """).processFor(job("{}"), task(1), FRAMES, TEMP))
                .isInstanceOf(JobType.InvalidJobData.class)
                .hasMessageContaining("job type 'sandboxed': hook command() failed");
    }

    @Test
    void filesAreRefused() {
        assertThatThrownBy(() -> script("""
                function command(task) { load("/etc/passwd"); return ["true"]; }
                """).processFor(job("{}"), task(1), FRAMES, TEMP))
                .isInstanceOf(JobType.InvalidJobData.class)
                .hasMessageContaining("hook command() failed");
    }

    @Test
    void aHookThatNeverReturnsIsStoppedAfterItsTimeBound() {
        Instant started = Instant.now();
        assertThatThrownBy(() -> script("""
                function command(task) { while (true) {} }
                """).processFor(job("{}"), task(1), FRAMES, TEMP))
                .isInstanceOf(JobType.InvalidJobData.class)
                .hasMessage("job type 'sandboxed': hook command() ran longer than 1.0 s and was stopped");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aFailingLineHookThrowsAndIsRememberedAsTheTasksFailure() throws Exception {
        ProcessSpec spec = script("""
                function command(task) { return ["render"]; }
                function processLine(line) { if (line === "BOOM") { throw new Error("cannot parse " + line); } }
                """).processFor(job("{}"), task(1), FRAMES, TEMP);
        try (TaskHooks hooks = spec.hooks()) {
            assertThat(hooks.onLine(0, "fine").text()).isEqualTo("fine");
            assertThatThrownBy(() -> hooks.onLine(0, "BOOM")).isInstanceOf(TaskHooks.HookFailed.class)
                    .hasMessageStartingWith("job type 'sandboxed': hook processLine() failed: Error: cannot parse BOOM");
            assertThat(hooks.failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot parse BOOM"));
            assertThat(hooks.onLine(0, "after").text()).as("lines pass through while the process stops").isEqualTo("after");
        }
    }

    @Test
    void aHookThatAllocatesTooMuchInOneCallIsStopped() {
        assertThatThrownBy(() -> script("""
                function command(task) {
                  const hoard = [];
                  for (let i = 0; i < 1000; i++) { hoard.push(new Array(1 << 16).fill(i + 0.5)); }
                  return ["true"];
                }""", Duration.ofMinutes(1)).processFor(job("{}"), task(1), FRAMES, TEMP))
                .isInstanceOf(JobType.InvalidJobData.class)
                .hasMessage("job type 'sandboxed': hook command() allocated more than 8 MB and was stopped");
    }

    @Test
    void aScriptWithoutCommandSaysWhatItNeeds() {
        assertThatThrownBy(() -> script("function succeeded(code) { return true; }")
                .processFor(job("{}"), task(1), FRAMES, TEMP))
                .hasMessageContaining("defines no command(task) function");
    }

    private static ScriptJobType script(String code) {
        return script(code, Duration.ofSeconds(1));
    }

    private static ScriptJobType script(String code, Duration timeout) {
        return new ScriptJobType(new JobTypeDefinition("sandboxed", 1, "script", code), new ScriptEngines(
                ScriptEngines.defaultEngineDir(), Path.of(System.getProperty("java.io.tmpdir"), "furrow-test-graaljs"),
                new ScriptLimits(timeout, 8L * 1024 * 1024)));
    }

    private static AssignTasks.Job job(String data) throws Exception {
        return new AssignTasks.Job(1, "job", "tester", "sandboxed", 1, Json.mapper().readTree(data), Map.of(), 1, 1, 64,
                null, null);
    }

    private static AssignTasks.Task task(double frame) {
        return new AssignTasks.Task(10, frame, null, 1);
    }
}
