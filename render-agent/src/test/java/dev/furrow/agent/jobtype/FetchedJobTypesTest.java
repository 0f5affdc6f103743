package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.agent.testsupport.JobTypeServer;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.AssignmentRejected;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job types that are not built in: the agent fetches their version from the master's REST API (a test HTTP
 * server here), caches it, and runs declarative ('command') and JavaScript ('script') definitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FetchedJobTypesTest {

    private static final AtomicLong IDS = new AtomicLong(5000);

    @TempDir
    static Path dir;
    private JobTypeServer jobTypes;
    private FakeMaster master;
    private AgentProcess agent;
    private UUID agentId;

    @BeforeAll
    void startAgent() throws Exception {
        jobTypes = new JobTypeServer();
        String namespace = TestBroker.freshNamespace();
        master = new FakeMaster(TestBroker.url(), namespace);
        agentId = UUID.randomUUID();
        agent = AgentProcess.start(AgentProcess.SHIPPED_JVM_FLAGS, List.of(
                        "--agent-id", agentId.toString(), "--host", "render-fetch",
                        "--master-api", jobTypes.apiUrl(), "--jobtype-cache-dir", dir.resolve("cache").toString(),
                        "--jobtype-script-timeout", "1", "--jobtype-script-memory", "16",
                        "--task-log-dir", dir.resolve("tasklogs").toString(),
                        "--pidfile", dir.resolve("agent.pid").toString(), "--spool-dir", dir.resolve("spool").toString()),
                Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace),
                AgentProcess.freePort(), dir);
    }

    @AfterAll
    void stopAgent() {
        agent.close();
        master.close();
        jobTypes.close();
    }

    @Test
    void declarativeJobTypeWritesFilesReportsProgressAndIsFetchedOnce() throws Exception {
        jobTypes.serve("touch-frames", 3, "command", """
                {"command": ["sh", "-c", "echo 'working 50%'; sleep 1.2; echo $GREETING > {data.out}/frame_{frame}.txt; exit 4"],
                 "environment": {"GREETING": "hello {data.who}"},
                 "success_codes": [4],
                 "progress": "working (?<progress>\\\\d+)%", "progress_scale": 100}
                """);
        Path out = Files.createDirectories(dir.resolve("touched"));
        String data = "{\"out\": \"%s\", \"who\": \"farm\"}".formatted(out);
        AssignTasks first = assign("touch-frames", 3, data, 1.0, 2.0);
        master.awaitTask(first.tasks().get(1).id(), WorkState.DONE);
        AssignTasks second = assign("touch-frames", 3, data, 3.0);
        master.awaitTask(second.tasks().get(0).id(), WorkState.DONE);

        assertThat(Files.readString(out.resolve("frame_1.txt"))).isEqualTo("hello farm\n");
        assertThat(Files.readString(out.resolve("frame_2.txt"))).isEqualTo("hello farm\n");
        assertThat(Files.readString(out.resolve("frame_3.txt"))).isEqualTo("hello farm\n");
        long taskId = first.tasks().get(0).id();
        assertThat(master.all(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING))
                .extracting(TaskReported::progress).contains(0.5);
        assertThat(jobTypes.requestsFor("touch-frames", 3)).as("fetched once, then from the cache").isEqualTo(1);
        assertThat(dir.resolve("cache").resolve("touch-frames").resolve("3.json")).exists();
    }

    @Test
    void scriptJobTypeRunsItsHooksAroundTheProcess() throws Exception {
        jobTypes.serve("scripted", 1, "script", """
                function command(task) {
                  return ["sh", "-c", "echo frame " + task.frame + "; echo 'PCT 40'; sleep 1.2; echo finished; exit 3"];
                }
                function beforeStart(task) { return "preparing frame " + task.frame; }
                function processLine(line, stream, task) {
                  const m = /^PCT (\\d+)$/.exec(line);
                  if (m) { return {line: "progress " + m[1] + "%", progress: Number(m[1]) / 100}; }
                  return line === "finished" ? "finished frame " + task.frame : undefined;
                }
                function succeeded(exitCode) { return exitCode === 3; }
                """);
        AssignTasks assignment = assign("scripted", 1, "{}", 8.0);
        long taskId = assignment.tasks().get(0).id();
        master.awaitTask(taskId, WorkState.DONE);
        String log = master.wholeLog(taskId);
        assertThat(log).contains("[jobtype] preparing frame 8\n").contains(",frame 8\n")
                .contains(",progress 40%\n").contains(",finished frame 8\n").doesNotContain("PCT 40");
        assertThat(master.all(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING))
                .extracting(TaskReported::progress).contains(0.4);
    }

    @Test
    void scriptsReachingForTheHostOrNeverReturningFailTheirTaskSayingWhy() throws Exception {
        Path victim = dir.resolve("victim.txt");
        jobTypes.serve("sneaky", 1, "script", """
                function command(task) {
                  const Files = Java.type("java.nio.file.Files");
                  return ["touch", "%s"];
                }""".formatted(victim));
        jobTypes.serve("reader", 1, "script", """
                function command(task) { load("/etc/passwd"); return ["touch", "%s"]; }""".formatted(victim));
        jobTypes.serve("endless", 1, "script", "function command(task) { for (;;) {} }");

        long sneaky = assign("sneaky", 1, "{}", 1.0).tasks().get(0).id();
        assertThat(master.awaitTask(sneaky, WorkState.FAILED).lastError())
                .startsWith("job type 'sneaky': hook command() failed").contains("java.nio.file.Files");
        long reader = assign("reader", 1, "{}", 1.0).tasks().get(0).id();
        assertThat(master.awaitTask(reader, WorkState.FAILED).lastError())
                .startsWith("job type 'reader': hook command() failed");
        long endless = assign("endless", 1, "{}", 1.0).tasks().get(0).id();
        assertThat(master.awaitTask(endless, WorkState.FAILED).lastError())
                .isEqualTo("job type 'endless': hook command() ran longer than 1.0 s and was stopped");
        assertThat(victim).doesNotExist();
    }

    @Test
    void aFailingLineHookStopsTheWholeProcessTreeAndFailsTheTask() throws Exception {
        jobTypes.serve("fragile", 1, "script", """
                function command(task) { return ["sh", "-c", "sleep 120 & echo sleeper=$!; echo BOOM; wait"]; }
                function processLine(line) { if (line === "BOOM") { throw new Error("unexpected " + line); } }
                """);
        Instant sent = Instant.now();
        long taskId = assign("fragile", 1, "{}", 1.0).tasks().get(0).id();
        TaskReported failed = master.awaitTask(taskId, WorkState.FAILED);

        assertThat(failed.lastError()).isEqualTo("job type 'fragile': hook processLine() failed: Error: unexpected BOOM");
        assertThat(Duration.between(sent, Instant.now())).as("not after the sleep").isLessThan(Duration.ofSeconds(30));
        String log = master.wholeLog(taskId);
        assertThat(log).contains("[furrow-agent] job type 'fragile': hook processLine() failed: Error: unexpected BOOM; "
                + "stopping the process");
        long sleeper = Long.parseLong(log.replaceAll("(?s).*sleeper=(\\d+).*", "$1"));
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).as("the whole tree is gone").isFalse();
    }

    @Test
    void scriptsThatKeepTooMuchMemoryAreStoppedAndTheAgentLivesOn() throws Exception {
        jobTypes.serve("hoarder", 1, "script", """
                const kept = [];
                function command(task) { return ["sh", "-c", "for i in $(seq 1 4000); do echo line $i; done; sleep 60"]; }
                function processLine(line) { kept.push(new Array(1 << 16).fill(kept.length + 0.5)); }
                """);
        jobTypes.serve("modest", 1, "script", "function command(task) { return [\"true\"]; }");

        long hoarder = assign("hoarder", 1, "{}", 1.0).tasks().get(0).id();
        assertThat(master.awaitTask(hoarder, WorkState.FAILED).lastError())
                .startsWith("job type 'hoarder': hook processLine() ")
                .contains("the agent's heap (Tenured Gen) was still");
        assertThat(agent.get("/status").statusCode()).isEqualTo(200);
        long modest = assign("modest", 1, "{}", 1.0).tasks().get(0).id();
        master.awaitTask(modest, WorkState.DONE);
    }

    @Test
    void aJobTypeTheMasterDoesNotHaveIsRejected() throws Exception {
        AssignTasks assignment = assign("houdini", 7, "{}", 1.0);
        AssignmentRejected rejected = master.await(AssignmentRejected.class,
                r -> r.assignmentId().equals(assignment.assignmentId()));
        assertThat(rejected.reason()).startsWith("unknown job type 'houdini'")
                .contains("the master has no version 7 of it");
    }

    private AssignTasks assign(String jobtype, int version, String data, double... frames) throws Exception {
        agent.awaitIdle();
        JsonNode json = Json.mapper().readTree(data);
        long jobId = IDS.incrementAndGet();
        List<AssignTasks.Task> tasks = java.util.Arrays.stream(frames)
                .mapToObj(frame -> new AssignTasks.Task(IDS.incrementAndGet(), frame, null, 1)).toList();
        AssignTasks assignment = new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(jobId, "job " + jobId,
                "tester", jobtype, version, json, Map.of(), 1, 1, 64, null, null), tasks, Instant.now());
        master.send(agentId, assignment);
        return assignment;
    }
}
