package dev.furrow.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentWentOffline;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting, restarting and stopping the real agent process: config layering, identity, pidfile, clean goodbye. */
class AgentLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void configLayersIdentityAndCleanShutdownOnTerm() throws Exception {
        String namespace = TestBroker.freshNamespace();
        Path yaml = dir.resolve("agent.yml");
        Files.writeString(yaml, """
                farm_name: file-farm
                agent_cpus: 3
                agent_ram: 2048
                agent_shutdown_timeout: 9
                jobtype_capture_process_output: true
                """);
        Path idFile = dir.resolve("id/uuid.dat");
        List<String> args = List.of("--config", yaml.toString(), "--cpus", "5", "--agent-id-file", idFile.toString(),
                "--pidfile", dir.resolve("agent.pid").toString(), "--task-log-dir", dir.resolve("logs").toString(),
                "--state", "online", "--master-api", "http://127.0.0.1:1/api/v1");
        Map<String, String> env = Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace,
                "FURROW_AGENT_FARM_NAME", "env-farm", "FURROW_AGENT_SHUTDOWN_TIMEOUT", "8");
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace);
             AgentProcess agent = AgentProcess.start(List.of(), args, env, AgentProcess.freePort(), dir)) {
            JsonNode config = Json.mapper().readTree(agent.get("/config").body());
            assertThat(config.get("agent_cpus").asInt()).as("flag over file").isEqualTo(5);
            assertThat(config.get("farm_name").asText()).as("env over file").isEqualTo("env-farm");
            assertThat(config.get("agent_shutdown_timeout").asDouble()).as("env over file").isEqualTo(8.0);
            assertThat(config.get("agent_ram").asInt()).as("file over default").isEqualTo(2048);
            assertThat(config.get("jobtype_capture_process_output").asBoolean()).isTrue();
            assertThat(config.get("agent_api_port").asInt()).isPositive();

            UUID id = UUID.fromString(Files.readString(idFile).trim());
            AgentAnnounced announced = master.await(AgentAnnounced.class, a -> a.agentId().equals(id));
            assertThat(announced.cpus()).isEqualTo(5);
            assertThat(announced.farmName()).isEqualTo("env-farm");
            assertThat(Files.readString(dir.resolve("agent.pid")).trim()).isEqualTo(Long.toString(agent.pid()));

            AssignTasks assignment = sleepingAssignment();
            master.send(id, assignment);
            long taskId = assignment.tasks().get(0).id();
            master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING);
            Instant termAt = Instant.now();

            assertThat(agent.terminate(Duration.ofSeconds(20))).isIn(0, 143);

            assertThat(Duration.between(termAt, Instant.now())).isLessThan(Duration.ofSeconds(8));
            TaskReported stopped = master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.QUEUED);
            assertThat(stopped.lastError()).isEqualTo("stopped: the agent is shutting down");
            master.await(AgentWentOffline.class, o -> o.agentId().equals(id), Duration.ofSeconds(5));
            assertThat(dir.resolve("agent.pid")).doesNotExist();
        }
    }

    @Test
    void startsInTheBackgroundSmallAndIsFoundByStatusAndStopThroughItsPidfile() throws Exception {
        String namespace = TestBroker.freshNamespace();
        Path idFile = dir.resolve("uuid.dat");
        UUID id = UUID.randomUUID();
        Files.writeString(idFile, id + "\n");
        Path pidfile = dir.resolve("agent.pid");
        List<String> common = List.of("--pidfile", pidfile.toString(), "--port", Integer.toString(AgentProcess.freePort()));
        List<String> start = new ArrayList<>(with("start", common));
        start.addAll(List.of("--agent-id-file", idFile.toString(), "--task-log-dir", dir.resolve("logs").toString(),
                "--log", dir.resolve("agent.log").toString()));
        Map<String, String> env = Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace);
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace)) {
            AgentProcess.ProcessResult started = AgentProcess.run(start, env, dir);
            try {
                assertThat(started.exitCode()).as(started.output()).isZero();
                assertThat(started.output()).contains("agent started in the background as process");
                long pid = Long.parseLong(Files.readString(pidfile).trim());
                master.await(AgentAnnounced.class, a -> a.agentId().equals(id));
                Thread.sleep(3000);
                assertThat(residentKb(pid)).as("idle resident memory in KB").isLessThanOrEqualTo(150 * 1024);

                AgentProcess.ProcessResult status = AgentProcess.run(with("status", common), env, dir);
                assertThat(status.exitCode()).as(status.output()).isZero();
                assertThat(status.output()).contains("agent is running as process " + pid).contains(id.toString());

                AgentProcess.ProcessResult stop = AgentProcess.run(with("stop", common), env, dir);
                assertThat(stop.exitCode()).as(stop.output()).isZero();
                assertThat(stop.output()).contains("agent stopped");
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                master.await(AgentWentOffline.class, o -> o.agentId().equals(id), Duration.ofSeconds(5));
                assertThat(Files.readString(dir.resolve("agent.log"))).contains("Furrow render-agent " + id + " stopped");

                AgentProcess.ProcessResult after = AgentProcess.run(with("status", common), env, dir);
                assertThat(after.exitCode()).isEqualTo(1);
                assertThat(after.output()).contains("agent is not running");
            } finally {
                if (Files.exists(pidfile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidfile).trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    @Test
    void stopWithoutWaitReturnsWhileTheAgentIsStillStoppingItsTasks() throws Exception {
        String namespace = TestBroker.freshNamespace();
        UUID id = UUID.randomUUID();
        Files.writeString(dir.resolve("uuid.dat"), id + "\n");
        Path pidfile = dir.resolve("agent.pid");
        List<String> common = List.of("--pidfile", pidfile.toString(), "--port", Integer.toString(AgentProcess.freePort()));
        List<String> start = new ArrayList<>(with("start", common));
        start.addAll(List.of("--agent-id-file", dir.resolve("uuid.dat").toString(), "--kill-grace-period", "6",
                "--task-log-dir", dir.resolve("logs").toString(), "--log", dir.resolve("agent.log").toString()));
        Map<String, String> env = Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace);
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace)) {
            AgentProcess.ProcessResult started = AgentProcess.run(start, env, dir);
            long pid = Long.parseLong(Files.readString(pidfile).trim());
            try {
                assertThat(started.exitCode()).as(started.output()).isZero();
                long taskId = 12;
                master.send(id, new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(2, "stubborn", "tester", "command", 1,
                        Json.mapper().readTree("{\"command\": [\"sh\", \"-c\", \"trap '' TERM; sleep 60\"]}"), Map.of(),
                        1, 1, 16, null, null), List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));
                master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING);

                Instant asked = Instant.now();
                AgentProcess.ProcessResult stop = AgentProcess.run(with("stop", with("--no-wait", common)), env, dir);
                assertThat(stop.exitCode()).as(stop.output()).isZero();
                assertThat(stop.output()).contains("agent process " + pid + " is stopping");
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("still killing its stubborn task").contains(true);

                ProcessHandle.of(pid).orElseThrow().onExit().get(60, TimeUnit.SECONDS);
                assertThat(Duration.between(asked, Instant.now())).as("the task ignored TERM for the grace period")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
                assertThat(master.awaitTask(taskId, WorkState.QUEUED).lastError()).isEqualTo("stopped: the agent is shutting down");
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static long residentKb(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    private static List<String> with(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return all;
    }

    private static AssignTasks sleepingAssignment() throws Exception {
        return new AssignTasks(UUID.randomUUID(),
                new AssignTasks.Job(1, "sleeper", "tester", "command", 1,
                        Json.mapper().readTree("{\"command\": [\"sleep\", \"300\"]}"), Map.of(), 1, 1, 16, null, null),
                List.of(new AssignTasks.Task(11, 1, null, 1)), Instant.now());
    }
}
