package dev.furrow.agent.cli;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.agent.testsupport.JobTypeServer;
import dev.furrow.agent.testsupport.TestAccounts;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The install tarball (make dist) unpacked and used the way docs/agent.md says: bin/furrow-render-agent starts a
 * supervisor in the background (its own pidfile) that runs the agent as another user (--uid / --gid), which runs a
 * script job type with the GraalJS shipped in graaljs/; status finds both, stop ends both. Needs root (tests run as
 * root here) and the account RunAsUserTest makes.
 */
class InstalledAgentTest {

    private static final Path TARBALL = AgentProcess.JAR.resolveSibling("furrow-render-agent-dist.tar.gz");
    private static final String USER = TestAccounts.USER;
    private static final String GROUP = TestAccounts.GROUP;

    private Path base;
    private Path var;

    @BeforeEach
    void unpack() throws Exception {
        TestAccounts.ensure();
        base = Files.createTempDirectory("furrow-install-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestAccounts.run("tar", "xzf", TARBALL.toString(), "-C", base.toString());
        var = Files.createDirectories(base.resolve("var"));
        TestAccounts.run("chown", USER + ":" + GROUP, var.toString());
    }

    @AfterEach
    void remove() throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void theSupervisorGoesToTheBackgroundAndRunsTheAgentAsAnotherUserWithScriptJobTypes() throws Exception {
        Path launcher = base.resolve("furrow-render-agent/bin/furrow-render-agent");
        assertThat(base.resolve("furrow-render-agent/graaljs")).isDirectoryContaining("glob:**/js-language-*.jar");
        String namespace = TestBroker.freshNamespace();
        UUID agentId = UUID.randomUUID();
        Files.writeString(var.resolve("uuid.dat"), agentId + "\n");
        TestAccounts.run("chown", USER, var.resolve("uuid.dat").toString());
        int port = AgentProcess.freePort();
        List<String> common = List.of("--port", Integer.toString(port), "--pidfile", var.resolve("agent.pid").toString(),
                "--supervisor-pidfile", var.resolve("supervisor.pid").toString());
        try (JobTypeServer jobTypes = new JobTypeServer(); FakeMaster master = new FakeMaster(TestBroker.url(), namespace)) {
            jobTypes.serve("whoami", 1, "script", "function command(task) { return [\"sh\", \"-c\", \"echo uid=$(id -u)\"]; }");
            Map<String, String> env = Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace,
                    "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> settings = new ArrayList<>(common);
            settings.addAll(List.of("--uid", USER, "--gid", GROUP, "--master-api", jobTypes.apiUrl(),
                    "--agent-id-file", var.resolve("uuid.dat").toString(), "--log", var.resolve("agent.log").toString(),
                    "--task-log-dir", var.resolve("tasklogs").toString(), "--spool-dir", var.resolve("spool").toString(),
                    "--jobtype-cache-dir", var.resolve("cache").toString(), "--updates-dir", var.resolve("updates").toString()));

            String refused = runExpecting(78, launcher, with("start", "--no-daemon", settings), env);
            assertThat(refused).contains("cannot switch to " + USER + " itself");

            String started = runExpecting(0, launcher, with("supervise", settings), env);
            long supervisorPid = Long.parseLong(Files.readString(var.resolve("supervisor.pid")).trim());
            long agentPid = Long.parseLong(Files.readString(var.resolve("agent.pid")).trim());
            try {
                assertThat(started).contains("supervisor started in the background as process " + supervisorPid);
                assertThat(idsOf(supervisorPid)).as("the supervisor stays root").startsWith("0 0");
                assertThat(idsOf(agentPid)).isEqualTo(TestAccounts.uid() + " " + TestAccounts.otherGid());

                long taskId = 901;
                master.send(agentId, new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(90, "whoami", "tester",
                        "whoami", 1, Json.mapper().readTree("{}"), Map.of(), 1, 1, 16, null, null),
                        List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));
                TaskReported done = awaitFinished(master, taskId);
                assertThat(done.state()).as(done.lastError()).isEqualTo(WorkState.DONE);
                assertThat(master.wholeLog(taskId)).contains(",uid=" + TestAccounts.uid() + "\n");

                String status = runExpecting(0, launcher, with("status", common), env);
                assertThat(status).contains("agent is running as process " + agentPid)
                        .contains("supervised by process " + supervisorPid);

                assertThat(runExpecting(0, launcher, with("stop", common), env)).contains("agent stopped");
                assertThat(ProcessHandle.of(supervisorPid).map(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join())
                        .map(ProcessHandle::isAlive).orElse(false)).as("the supervisor stops with its agent").isFalse();
                assertThat(var.resolve("agent.pid")).doesNotExist();
                assertThat(var.resolve("supervisor.pid")).doesNotExist();
                assertThat(Files.readString(var.resolve("supervisor.log"))).contains("the supervisor stops too");
            } finally {
                ProcessHandle.of(agentPid).ifPresent(ProcessHandle::destroyForcibly);
                ProcessHandle.of(supervisorPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private TaskReported awaitFinished(FakeMaster master, long taskId) throws IOException {
        try {
            return master.await(TaskReported.class, r -> r.taskId() == taskId
                    && (r.state() == WorkState.DONE || r.state() == WorkState.FAILED));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsupervisor.log:\n" + Files.readString(var.resolve("supervisor.log")), e);
        }
    }

    /** Real user id and real group id of a process, as "uid gid". */
    private static String idsOf(long pid) throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        String uid = status.stream().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
        String gid = status.stream().filter(l -> l.startsWith("Gid:")).findFirst().orElseThrow().split("\\s+")[1];
        return uid + " " + gid;
    }

    private static List<String> with(String first, List<String> rest) {
        return with(first, null, rest);
    }

    private static List<String> with(String first, String second, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        if (second != null) {
            all.add(second);
        }
        all.addAll(rest);
        return all;
    }

    private String runExpecting(int exitCode, Path launcher, List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        Path out = Files.createTempFile(base, "cli-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(args + " finishes").isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(args + ": " + output).isEqualTo(exitCode);
        return output;
    }
}
