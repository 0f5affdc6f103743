package dev.furrow.agent.process;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.agent.testsupport.TestAccounts;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A root agent runs task processes as another user and group (agent_run_as_user, data.user, data.group), with real
 * accounts made for the test; and --chdir moves a background agent. These tests need to run as root.
 */
class RunAsUserTest {

    private static final String USER = TestAccounts.USER;
    private static final String GROUP = TestAccounts.GROUP;
    private static final String REPORT_IDENTITY = "echo uid=$(id -u) gid=$(id -g) groups=$(id -G) user=$USER home=$HOME;"
            + " touch made-here; echo owner=$(stat -c %U made-here); echo cwd=$(pwd)";

    @TempDir
    Path dir;

    @BeforeAll
    static void accountsExist() throws Exception {
        TestAccounts.ensure();
    }

    @Test
    void rootAgentRunsTasksAsTheConfiguredUserUnlessTheJobAsksForAnother() throws Exception {
        String uid = TestAccounts.uid();
        String gid = TestAccounts.gid();
        String otherGid = TestAccounts.otherGid();
        String namespace = TestBroker.freshNamespace();
        UUID id = UUID.randomUUID();
        Files.writeString(dir.resolve("uuid.dat"), id + "\n");
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace);
             AgentProcess agent = AgentProcess.start(List.of(), List.of("--run-as-user", USER,
                     "--agent-id-file", dir.resolve("uuid.dat").toString(), "--pidfile", dir.resolve("agent.pid").toString(),
                     "--task-log-dir", dir.resolve("logs").toString(), "--spool-dir", dir.resolve("spool").toString()),
                     Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace),
                     AgentProcess.freePort(), dir)) {
            master.await(AgentAnnounced.class, a -> a.agentId().equals(id));

            String asAgentDefault = runTask(master, id, 31, "{}");
            assertThat(asAgentDefault).contains("uid=" + uid + " gid=" + gid + " groups=" + gid + " user=" + USER
                    + " home=/home/" + USER).contains("owner=" + USER).contains("cwd=/tmp/furrow-assignment-");

            String withGroup = runTask(master, id, 32, "{\"group\": \"" + GROUP + "\"}");
            assertThat(withGroup).contains("uid=" + uid + " gid=" + otherGid + " groups=" + otherGid);

            String asRoot = runTask(master, id, 33, "{\"user\": \"root\"}");
            assertThat(asRoot).contains("uid=0 gid=0").contains("owner=root");

            send(master, id, 34, "{\"user\": \"nosuch-furrow-user\"}");
            TaskReported failed = master.awaitTask(34, WorkState.FAILED);
            assertThat(failed.lastError()).contains("there is no user 'nosuch-furrow-user' on this agent");
        }
    }

    @Test
    void chdirMovesTheBackgroundAgent() throws Exception {
        Path workDir = Files.createDirectories(dir.resolve("agent-home"));
        Path pidfile = dir.resolve("agent.pid");
        List<String> common = List.of("--pidfile", pidfile.toString(), "--port", Integer.toString(AgentProcess.freePort()));
        Map<String, String> env = Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", TestBroker.freshNamespace());
        List<String> start = new java.util.ArrayList<>(List.of("start"));
        start.addAll(common);
        start.addAll(List.of("--chdir", workDir.toString(), "--agent-id-file", dir.resolve("uuid.dat").toString(),
                "--task-log-dir", dir.resolve("logs").toString(), "--log", dir.resolve("agent.log").toString()));
        AgentProcess.ProcessResult started = AgentProcess.run(start, env, dir);
        try {
            assertThat(started.exitCode()).as(started.output()).isZero();
            long pid = Long.parseLong(Files.readString(pidfile).trim());
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))).isEqualTo(workDir);
        } finally {
            List<String> stop = new java.util.ArrayList<>(List.of("stop"));
            stop.addAll(common);
            AgentProcess.ProcessResult stopped = AgentProcess.run(stop, env, dir);
            assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        }
    }

    private static String runTask(FakeMaster master, UUID agentId, long taskId, String extraData) throws Exception {
        send(master, agentId, taskId, extraData);
        TaskReported done = master.await(TaskReported.class, r -> r.taskId() == taskId
                && (r.state() == WorkState.DONE || r.state() == WorkState.FAILED));
        String log = master.wholeLog(taskId);
        assertThat(done.state()).as(done.lastError() + "\n" + log).isEqualTo(WorkState.DONE);
        return log;
    }

    private static void send(FakeMaster master, UUID agentId, long taskId, String extraData) throws Exception {
        var data = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(extraData);
        data.set("command", Json.mapper().valueToTree(List.of("sh", "-c", REPORT_IDENTITY)));
        master.send(agentId, new AssignTasks(UUID.randomUUID(),
                new AssignTasks.Job(taskId, "identity " + taskId, "tester", "command", 1, data, Map.of(), 1, 1, 16, null, null),
                List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));
    }
}
