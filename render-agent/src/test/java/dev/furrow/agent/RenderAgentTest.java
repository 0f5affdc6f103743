package dev.furrow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.AssignmentRejected;
import dev.furrow.messages.Json;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real agent process against the real broker, driven by a fake master through the agent's queue. Tests run
 * one after the other on the same agent (sharing is off, so each waits for the agent to be idle).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderAgentTest {

    private static final AtomicLong IDS = new AtomicLong(1000);

    @TempDir
    static Path dir;
    private FakeMaster master;
    private AgentProcess agent;
    private UUID agentId;
    private Path taskLogs;

    @BeforeAll
    void startAgent() throws Exception {
        String namespace = TestBroker.freshNamespace();
        master = new FakeMaster(TestBroker.url(), namespace);
        agentId = UUID.randomUUID();
        taskLogs = dir.resolve("tasklogs");
        agent = AgentProcess.start(List.of(), List.of(
                        "--agent-id", agentId.toString(), "--host", "render-07", "--farm-name", "blue",
                        "--cpus", "6", "--ram", "12000", "--task-log-dir", taskLogs.toString(),
                        "--pidfile", dir.resolve("agent.pid").toString(), "--heartbeat-interval", "1",
                        "--kill-grace-period", "2", "--ram-check-interval", "0.3",
                        "--master-api", "http://127.0.0.1:1/api/v1"),
                Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace,
                        "FROM_AGENT", "agent-value", "OVERRIDDEN", "agent-value"),
                AgentProcess.freePort(), dir);
    }

    @AfterAll
    void stopAgent() {
        agent.close();
        master.close();
    }

    @Test
    void announcesItsHardwareAndAsksForWorkThenBeats() {
        AgentAnnounced announced = master.await(AgentAnnounced.class, a -> a.agentId().equals(agentId));
        assertThat(announced.hostname()).isEqualTo("render-07");
        assertThat(announced.farmName()).isEqualTo("blue");
        assertThat(announced.cpus()).isEqualTo(6);
        assertThat(announced.ram()).isEqualTo(12000);
        assertThat(announced.freeRam()).isPositive();
        assertThat(announced.cpuName()).isNotBlank();
        assertThat(announced.osClass()).isEqualTo("linux");
        assertThat(announced.osFullname()).isNotBlank();
        assertThat(announced.disks()).anySatisfy(disk -> {
            assertThat(disk.mountpoint()).isEqualTo("/");
            assertThat(disk.size()).isPositive();
        });
        assertThat(announced.macAddresses()).isNotNull();
        assertThat(announced.gpus()).isNotNull();
        assertThat(announced.runningTaskIds()).isEmpty();
        WorkRequested work = master.await(WorkRequested.class, w -> w.agentId().equals(agentId));
        assertThat(work.freeCpus()).isEqualTo(6);
        master.await(AgentHeartbeat.class, h -> h.agentId().equals(agentId));
    }

    @Test
    void commandTaskReportsRunningThenDoneAndStreamsItsLog() throws Exception {
        AssignTasks assignment = assign("command", json("""
                {"command": ["sh", "-c", "echo frame {frame} of {start}-{end} by {by}; echo $FROM_AGENT $OVERRIDDEN; echo 'oops, \\"quoted\\"' >&2; pwd"]}
                """), Map.of("OVERRIDDEN", "job-value"), null, null, 3.0, 4.0);
        long first = assignment.tasks().get(0).id();
        long second = assignment.tasks().get(1).id();

        TaskReported running = awaitReport(first, WorkState.RUNNING);
        assertThat(running.sequence()).isEqualTo(1);
        assertThat(running.attempt()).isEqualTo(1);
        TaskReported done = awaitReport(first, WorkState.DONE);
        assertThat(done.sequence()).isGreaterThan(1);
        assertThat(done.progress()).isEqualTo(1.0);
        awaitReport(second, WorkState.DONE);

        TaskLogLines log = master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(first)) && l.firstLine() == 1);
        String csv = wholeLog(first);
        assertThat(log.jobId()).isEqualTo(assignment.job().id());
        assertThat(csv).containsPattern("Z,0,[1234],\\d+,frame 3 of 3-4 by 1\n")
                .containsPattern("Z,0,[1234],\\d+,agent-value job-value\n")
                .containsPattern("Z,1,[1234],\\d+,\"oops, \"\"quoted\"\"\"\n");
        assertThat(csv.lines()).hasSize(4);
        Path scratch = Path.of(csv.lines().filter(line -> line.contains("furrow-assignment-")).findFirst().orElseThrow()
                .replaceFirst("^([^,]*,){4}", ""));
        assertThat(scratch.getFileName().toString()).startsWith("furrow-assignment-" + assignment.assignmentId());
        assertThat(Files.readString(taskLogs.resolve(log.identifier()))).isEqualTo(csv);
        assertThat(log.identifier()).matches("\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_" + assignment.job().id() + "_[0-9a-f]{32}\\.csv");

        HttpResponse<String> served = agent.get("/tasklogs/" + log.identifier());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(served.body()).isEqualTo(csv);
        awaitIdle();
        assertThat(scratch).as("the assignment's scratch directory is removed afterwards").doesNotExist();
    }

    @Test
    void failingCommandReportsItsExitCodeAndTheAgentAsksForWorkAgain() throws Exception {
        int workRequestsBefore = master.all(WorkRequested.class, w -> w.agentId().equals(agentId)).size();
        AssignTasks assignment = assign("command", json("{\"command\": [\"sh\", \"-c\", \"exit 3\"]}"), Map.of(), null, null, 1.0);
        TaskReported failed = awaitReport(assignment.tasks().get(0).id(), WorkState.FAILED);
        assertThat(failed.lastError()).isEqualTo("process exited with code 3");
        TaskLogLines log = master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(assignment.tasks().get(0).id())));
        assertThat(log).satisfies(l -> {
            assertThat(l.firstLine()).isEqualTo(1);
            assertThat(l.csv()).isEmpty();
            assertThat(l.last()).isTrue();
        });
        awaitIdle();
        Instant deadline = Instant.now().plusSeconds(10);
        while (master.all(WorkRequested.class, w -> w.agentId().equals(agentId)).size() <= workRequestsBefore
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(master.all(WorkRequested.class, w -> w.agentId().equals(agentId))).hasSizeGreaterThan(workRequestsBefore);
    }

    @Test
    void secondAssignmentIsRejectedWhileBusyAndStopTasksKillsTheWholeTree() throws Exception {
        AssignTasks busy = assign("command", json(
                "{\"command\": [\"sh\", \"-c\", \"trap '' TERM; sleep 300 & sleep 301 & echo started; wait\"]}"),
                Map.of(), null, null, 1.0);
        long taskId = busy.tasks().get(0).id();
        awaitReport(taskId, WorkState.RUNNING);
        master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)) && l.csv().contains("started"));

        JsonNode tasks = Json.mapper().readTree(agent.get("/tasks/").body());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("id").asLong()).isEqualTo(taskId);
        JsonNode status = Json.mapper().readTree(agent.get("/status").body());
        assertThat(status.get("state").asText()).isEqualTo("running");
        long rootPid = status.get("pids").get(0).asLong();
        Set<Long> tree = ProcessHandle.of(rootPid).orElseThrow().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        tree.add(rootPid);
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3);

        AssignTasks second = sendAssignment("command", json("{\"command\": [\"true\"]}"), Map.of(), null, null, 2.0);
        AssignmentRejected rejected = master.await(AssignmentRejected.class, r -> r.assignmentId().equals(second.assignmentId()));
        assertThat(rejected.taskIds()).containsExactly(second.tasks().get(0).id());
        assertThat(rejected.reason()).contains("busy");

        master.send(agentId, new StopTasks(List.of(taskId), StopTasks.Signal.TERM, "job paused", Instant.now()));
        TaskReported stopped = awaitReport(taskId, WorkState.QUEUED);
        assertThat(stopped.lastError()).isEqualTo("stopped: job paused");
        // A killed process lingers as a zombie until init reaps it; give that a moment.
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline) && tree.stream().anyMatch(RenderAgentTest::alive)) {
            Thread.sleep(50);
        }
        assertThat(tree).allSatisfy(pid -> assertThat(alive(pid)).as("process %d of the stopped tree", pid).isFalse());
        awaitIdle();
    }

    @Test
    void deletingATaskThroughTheApiStopsIt() throws Exception {
        AssignTasks assignment = assign("command", json("{\"command\": [\"sleep\", \"300\"]}"), Map.of(), null, null, 1.0);
        long taskId = assignment.tasks().get(0).id();
        awaitReport(taskId, WorkState.RUNNING);
        assertThat(agent.delete("/tasks/" + taskId).statusCode()).isEqualTo(202);
        assertThat(awaitReport(taskId, WorkState.QUEUED).lastError()).startsWith("stopped: ");
        assertThat(agent.delete("/tasks/" + taskId).statusCode()).isEqualTo(204);
        awaitIdle();
    }

    @Test
    void fakeRenderWritesItsFrameAndReportsProgress() throws Exception {
        Path output = dir.resolve("frames");
        AssignTasks assignment = assign("fake-render", json("""
                {"output_dir": "%s", "duration": 2.5}""".formatted(output)), Map.of(), null, null, 7.0);
        long taskId = assignment.tasks().get(0).id();
        TaskReported done = awaitReport(taskId, WorkState.DONE);
        assertThat(Files.readString(output.resolve("frame_0007.txt"))).contains("frame 7");
        List<TaskReported> reports = master.all(TaskReported.class, r -> r.taskId() == taskId);
        assertThat(reports).extracting(TaskReported::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(reports).filteredOn(r -> r.state() == WorkState.RUNNING && r.progress() > 0 && r.progress() < 1)
                .isNotEmpty();
        assertThat(done.sequence()).isEqualTo(reports.size());
        awaitIdle();
    }

    @Test
    void fakeRenderSegfaultFailsTheTaskWithExitCode139() throws Exception {
        AssignTasks assignment = assign("fake-render", json("{\"duration\": 0.1, \"segfault\": 1.0}"), Map.of(), null, null, 1.0);
        TaskReported failed = awaitReport(assignment.tasks().get(0).id(), WorkState.FAILED);
        assertThat(failed.lastError()).isEqualTo("process exited with code 139");
        awaitIdle();
    }

    @Test
    void taskOverRamMaxIsKilledAndFailsSayingSo() throws Exception {
        AssignTasks assignment = assign("fake-render", json("{\"duration\": 20, \"ram\": 300}"), Map.of(), 100, 200, 1.0);
        long taskId = assignment.tasks().get(0).id();
        TaskReported failed = awaitReport(taskId, WorkState.FAILED);
        assertThat(failed.lastError()).startsWith("ram_max exceeded").contains("ram_max of 200 MB");
        assertThat(wholeLog(taskId)).contains("ram_warning").contains("ram_max exceeded");
        awaitIdle();
    }

    @Test
    void blenderTaskReportsProgressParsedFromBlenderOutput() throws Exception {
        Path fakeBlender = dir.resolve("blender");
        Files.writeString(fakeBlender, """
                #!/bin/sh
                echo "args: $*"
                for i in 1 2 3 4; do
                  echo "Fra:5 Mem:12.00M (Peak 12.00M) | Time:00:00.41 | Scene, RenderLayer | Path Tracing Tile $i/4"
                  sleep 0.6
                done
                """);
        fakeBlender.toFile().setExecutable(true);
        AssignTasks assignment = assign("blender", json("""
                {"blender": "%s", "scene": "/scenes/shot.blend", "output": "/renders/shot_####"}""".formatted(fakeBlender)),
                Map.of(), null, null, 5.0);
        long taskId = assignment.tasks().get(0).id();
        awaitReport(taskId, WorkState.DONE);
        assertThat(master.all(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING))
                .extracting(TaskReported::progress).contains(0.25);
        TaskLogLines log = master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)) && l.firstLine() == 1);
        assertThat(log.csv()).contains("args: -b /scenes/shot.blend -o /renders/shot_#### -f 5");
        awaitIdle();
    }

    @Test
    void unknownJobTypeIsRejected() throws Exception {
        AssignTasks assignment = assign("maya", json("{}"), Map.of(), null, null, 1.0);
        AssignmentRejected rejected = master.await(AssignmentRejected.class, r -> r.assignmentId().equals(assignment.assignmentId()));
        assertThat(rejected.reason()).contains("unknown job type 'maya'").contains("command, fake-render");
    }

    @Test
    void restApiAnswersPyFarmsEndpoints() throws Exception {
        assertThat(Json.mapper().readTree(agent.get("/versions/").body()).get("versions").get(0).asInt()).isEqualTo(1);
        JsonNode config = Json.mapper().readTree(agent.get("/config").body());
        assertThat(config.get("agent_hostname").asText()).isEqualTo("render-07");
        assertThat(config.get("farm_name").asText()).isEqualTo("blue");
        assertThat(config.get("amqp_url").asText()).doesNotContain("guest:guest");
        JsonNode status = Json.mapper().readTree(agent.get("/status").body());
        assertThat(status.get("agent_id").asText()).isEqualTo(agentId.toString());

        HttpResponse<String> missing = agent.get("/tasklogs/2026-01-01_00-00-00_1_abc.csv");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(missing.body()).get("error").asText()).contains("no task log");
        HttpResponse<String> traversal = agent.get("/tasklogs/..%2F..%2Fetc%2Fpasswd");
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(traversal.body()).get("error").asText()).contains("not a task log identifier");

        HttpResponse<String> badStop = agent.post("/stop", "{\"now\": true}");
        assertThat(badStop.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(badStop.body()).has("error")).isTrue();
        assertThat(agent.delete("/tasks/424242").statusCode()).isEqualTo(204);
        assertThat(agent.delete("/tasks/abc").statusCode()).isEqualTo(400);
    }

    private AssignTasks assign(String jobtype, JsonNode data, Map<String, String> environ, Integer ramWarning,
                               Integer ramMax, double... frames) throws Exception {
        awaitIdle();
        return sendAssignment(jobtype, data, environ, ramWarning, ramMax, frames);
    }

    /** Sends an assignment without waiting for the agent to be idle first. */
    private AssignTasks sendAssignment(String jobtype, JsonNode data, Map<String, String> environ, Integer ramWarning,
                                       Integer ramMax, double... frames) {
        long jobId = IDS.incrementAndGet();
        List<AssignTasks.Task> tasks = java.util.Arrays.stream(frames)
                .mapToObj(frame -> new AssignTasks.Task(IDS.incrementAndGet(), frame, null, 1)).toList();
        AssignTasks assignment = new AssignTasks(UUID.randomUUID(),
                new AssignTasks.Job(jobId, "test job " + jobId, "tester", jobtype, 1, data, environ, 1, 1, 64,
                        ramWarning, ramMax),
                tasks, Instant.now());
        master.send(agentId, assignment);
        return assignment;
    }

    /** The task's log as the master would store it: every chunk up to the last one, in line order, without gaps. */
    private String wholeLog(long taskId) {
        master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)) && l.last());
        StringBuilder csv = new StringBuilder();
        long nextLine = 1;
        for (TaskLogLines chunk : master.all(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)))) {
            assertThat(chunk.firstLine()).as("chunks continue each other").isEqualTo(nextLine);
            csv.append(chunk.csv());
            nextLine += chunk.csv().lines().count();
        }
        return csv.toString();
    }

    private TaskReported awaitReport(long taskId, WorkState state) {
        return master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == state);
    }

    /** Waits until the agent runs nothing (the previous test's assignment may still be winding down). */
    private void awaitIdle() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (Json.mapper().readTree(agent.get("/tasks/").body()).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent is still busy: " + agent.get("/tasks/").body());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
