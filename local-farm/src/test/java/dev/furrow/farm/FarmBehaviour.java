package dev.furrow.farm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a whole farm does with real jobs, submitted over HTTP and run by real agent processes. Subclasses start the
 * farm once per class against one kind of database and broker.
 */
abstract class FarmBehaviour {

    static final Duration JOB_PATIENCE = Duration.ofSeconds(90);
    /** A task log line: time, stream (0 stdout, 1 stderr), line number, pid, message. */
    static final String CSV_LOG_LINE = "\\d{4}-\\d{2}-\\d{2}T[^,]+,[01],\\d+,\\d+,.*";

    @TempDir
    Path output;

    abstract FarmClient api();

    /** The checkout whose jars the farm runs; set by the build (failsafe passes furrow.root). */
    static Path checkout() {
        String root = System.getProperty("furrow.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property furrow.root is not set: run these tests through Maven"
                    + " (mvn -B verify in the checkout) or pass -Dfurrow.root=<checkout>");
        }
        return Path.of(root);
    }

    @Test
    void aFakeRenderJobWritesEveryFrameAndKeepsATaskLogOfEachTask() {
        long job = api().submit(Map.of(
                "title", "fake render " + UUID.randomUUID(),
                "jobtype", "fake-render",
                "start", 1, "end", 5, "by", 1,
                "data", Map.of("output_dir", output.toString(), "duration", 0.1)));

        JsonNode finished = api().awaitFinished(job, JOB_PATIENCE);

        assertThat(finished.path("state").asText()).as("state of job %s", finished).isEqualTo("done");
        for (int frame = 1; frame <= 5; frame++) {
            assertThat(output.resolve("frame_%04d.txt".formatted(frame))).isRegularFile();
        }
        List<JsonNode> tasks = api().tasks(job);
        assertThat(tasks).hasSize(5).allSatisfy(task -> assertThat(task.path("state").asText()).isEqualTo("done"));
        for (JsonNode task : tasks) {
            List<JsonNode> logs = api().logs(job, task.path("id").asLong(), 1);
            assertThat(logs).as("logs of the first attempt at task %s", task).isNotEmpty();
            String log = api().logfile(job, task.path("id").asLong(), 1, logs.get(0).path("identifier").asText());
            assertThat(log.lines().toList()).as("log of task %s", task).isNotEmpty().allMatch(line -> line.matches(CSV_LOG_LINE));
        }
    }

    @Test
    void aFrameWhoseCommandFailsFailsItsTaskAndTheJobWhenRequeueIsZero() {
        long job = api().submit(Map.of(
                "title", "fails on frame 3 " + UUID.randomUUID(),
                "jobtype", "command",
                "start", 1, "end", 4, "by", 1,
                "requeue", 0,
                "data", Map.of("command", List.of("sh", "-c", "test {frame} -ne 3"))));

        JsonNode finished = api().awaitFinished(job, JOB_PATIENCE);

        assertThat(finished.path("state").asText()).as("state of job %s", finished).isEqualTo("failed");
        for (JsonNode task : api().tasks(job)) {
            JsonNode detail = api().task(job, task.path("id").asLong());
            if (task.path("frame").asDouble() == 3) {
                assertThat(detail.path("state").asText()).as("task %s", detail).isEqualTo("failed");
                assertThat(detail.path("last_error").asText()).as("last_error of task %s", detail).contains("code 1");
            } else {
                assertThat(detail.path("state").asText()).as("task %s", detail).isEqualTo("done");
            }
        }
    }
}
