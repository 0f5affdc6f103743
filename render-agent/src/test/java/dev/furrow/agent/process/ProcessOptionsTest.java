package dev.furrow.agent.process;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.StopTasks;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the agent starts processes: environment layers (no OS environment here), $VAR expansion, path maps from the
 * agent's config and the job's data, the working directory, and StopTasks with signal INT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessOptionsTest {

    @TempDir
    static Path dir;
    private FakeMaster master;
    private AgentProcess agent;
    private UUID agentId;
    private long nextId = 9000;

    @BeforeAll
    void startAgent() throws Exception {
        String namespace = TestBroker.freshNamespace();
        master = new FakeMaster(TestBroker.url(), namespace);
        agentId = UUID.randomUUID();
        Files.createDirectories(dir.resolve("projects/shots/sh010"));
        agent = AgentProcess.start(List.of(), List.of(
                        "--agent-id", agentId.toString(), "--host", "render-options",
                        "--task-log-dir", dir.resolve("tasklogs").toString(),
                        "--pidfile", dir.resolve("agent.pid").toString(), "--spool-dir", dir.resolve("spool").toString(),
                        "--jobtype-include-os-environ", "false",
                        "--jobtype-default-environment", "{\"STUDIO\": \"acme\", \"RENDER_ROOT\": \"/srv/$STUDIO\"}",
                        "--path-maps", "[{\"from\": \"/studio/projects\", \"to\": \"%s\"}]".formatted(dir.resolve("projects")),
                        "--kill-grace-period", "5"),
                Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace,
                        "FROM_AGENT", "agent-value"),
                AgentProcess.freePort(), dir);
    }

    @AfterAll
    void stopAgent() {
        agent.close();
        master.close();
    }

    @Test
    void environmentExpansionPathMapsAndWorkingDirectoryShapeTheProcess() throws Exception {
        AssignTasks assignment = assign("""
                {"command": ["sh", "-c", "echo studio=$STUDIO shot_dir=$SHOT_DIR agent=${FROM_AGENT:-unset}; echo scene=$0; pwd",
                             "/studio/projects/shots/sh010/scene.blend"],
                 "working_directory": "/studio/projects/shots/sh010",
                 "path_maps": [{"from": "/mnt/old", "to": "/mnt/new"}]}
                """, Map.of("SHOT", "sh010", "SHOT_DIR", "$RENDER_ROOT/$SHOT"));
        long taskId = assignment.tasks().get(0).id();
        master.awaitTask(taskId, WorkState.DONE);
        Path shot = dir.resolve("projects/shots/sh010");
        assertThat(master.wholeLog(taskId))
                .contains(",studio=acme shot_dir=/srv/acme/sh010 agent=unset\n")
                .contains(",scene=" + shot.resolve("scene.blend") + "\n")
                .contains("," + shot.toRealPath() + "\n");
    }

    @Test
    void aWorkingDirectoryThatDoesNotExistFailsTheTaskSayingSo() throws Exception {
        AssignTasks assignment = assign("{\"command\": [\"true\"], \"working_directory\": \"/studio/projects/nowhere\"}",
                Map.of());
        assertThat(master.awaitTask(assignment.tasks().get(0).id(), WorkState.FAILED).lastError())
                .contains("the working directory " + dir.resolve("projects/nowhere") + " does not exist");
    }

    @Test
    void stopTasksWithSignalIntInterruptsTheProcessTree() throws Exception {
        AssignTasks assignment = assign("""
                {"command": ["python3", "-c", "import signal, sys, time\\ndef stop(*args):\\n    print('got SIGINT', flush=True)\\n    sys.exit(0)\\nsignal.signal(signal.SIGINT, stop)\\nprint('ready', flush=True)\\ntime.sleep(300)"]}
                """, Map.of());
        long taskId = assignment.tasks().get(0).id();
        master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)) && l.csv().contains("ready"));
        master.send(agentId, new StopTasks(List.of(taskId), StopTasks.Signal.INT, "job paused", Instant.now()));
        assertThat(master.awaitTask(taskId, WorkState.QUEUED).lastError()).isEqualTo("stopped: job paused");
        assertThat(master.wholeLog(taskId)).contains(",got SIGINT\n");
    }

    private AssignTasks assign(String data, Map<String, String> environ) throws Exception {
        agent.awaitIdle();
        long jobId = ++nextId;
        AssignTasks assignment = new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(jobId, "job " + jobId, "tester",
                "command", 1, Json.mapper().readTree(data), environ, 1, 1, 64, null, null),
                List.of(new AssignTasks.Task(++nextId, 1, null, 1)), Instant.now());
        master.send(agentId, assignment);
        return assignment;
    }
}
