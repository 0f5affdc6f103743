package dev.furrow.agent.reporting;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.agent.testsupport.RabbitControl;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskLogLines;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent loses the broker in the middle of a task (its connection is closed and cannot come back until the
 * test allows it): the task runs on, its reports and log wait in memory and in the spool file, and all of them
 * reach the master in order once the agent is let back in.
 */
class BrokerOutageTest {

    @TempDir
    Path dir;

    @Test
    void reportsAndLogWrittenWhileTheBrokerIsAwayArriveInOrderAfterwards() throws Exception {
        String namespace = TestBroker.freshNamespace();
        String user = "furrow-" + namespace;
        String host = "render-outage-" + namespace;
        UUID agentId = UUID.randomUUID();
        Path spool = dir.resolve("spool");
        RabbitControl.addUser(user, "secret");
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace);
             AgentProcess agent = AgentProcess.start(List.of(), List.of(
                             "--agent-id", agentId.toString(), "--host", host,
                             "--task-log-dir", dir.resolve("tasklogs").toString(),
                             "--pidfile", dir.resolve("agent.pid").toString(), "--spool-dir", spool.toString(),
                             "--report-memory-limit", "1", "--heartbeat-interval", "1"),
                     Map.of("FURROW_AMQP_URL", "amqp://" + user + ":secret@127.0.0.1:5672/%2F",
                             "FURROW_AMQP_NAMESPACE", namespace),
                     AgentProcess.freePort(), dir)) {
            long taskId = 77;
            master.send(agentId, new AssignTasks(UUID.randomUUID(),
                    new AssignTasks.Job(7, "outage", "tester", "command", 1, Json.mapper().readTree("""
                            {"command": ["sh", "-c", "%s for i in $(seq 1 40); do echo line $i of the render; sleep 0.1; done"]}
                            """.formatted(awaitingCut())), Map.of(), 1, 1, 64, null, null),
                    List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));
            master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING);

            assertThat(RabbitControl.cutOff(user, "furrow-render-agent " + host)).isPositive();
            Files.createFile(dir.resolve("cut"));
            awaitNoTasks(agent);
            assertThat(master.all(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.DONE))
                    .as("the task finished while the agent could not reach the broker").isEmpty();
            assertThat(Files.size(spool.resolve("reports-" + agentId + ".spool")))
                    .as("reports beyond the 1 KiB memory limit wait on disk").isPositive();

            RabbitControl.grant(user);
            master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.DONE, Duration.ofSeconds(60));

            List<Long> sequences = firstArrivals(master.all(TaskReported.class, r -> r.taskId() == taskId)
                    .stream().map(TaskReported::sequence).toList());
            assertThat(sequences).as("state reports in order").isSorted().startsWith(1L);
            TaskReported done = master.all(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.DONE).get(0);
            assertThat(done.sequence()).isEqualTo(sequences.get(sequences.size() - 1));

            master.await(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)) && l.last());
            List<TaskLogLines> chunks = master.all(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)));
            StringBuilder csv = new StringBuilder();
            long nextLine = 1;
            for (TaskLogLines chunk : chunks) {
                if (chunk.firstLine() < nextLine) {
                    continue; // a chunk delivered again after the cut (at-least-once); the master ignores it too
                }
                assertThat(chunk.firstLine()).as("chunks arrive in line order, without gaps").isEqualTo(nextLine);
                csv.append(chunk.csv());
                nextLine += chunk.csv().lines().count();
            }
            assertThat(csv.toString().lines()).hasSize(40);
            assertThat(csv.toString()).contains(",line 1 of the render\n").endsWith(",line 40 of the render\n");
            assertThat(csv.toString()).isEqualTo(Files.readString(dir.resolve("tasklogs").resolve(chunks.get(0).identifier())));
        } finally {
            RabbitControl.deleteUser(user);
        }
    }

    @Test
    void aLongOutageFillsTheSpoolOnlyUpToItsLimitCuttingTheLogNotTheStates() throws Exception {
        String namespace = TestBroker.freshNamespace();
        String user = "furrow-" + namespace;
        String host = "render-full-" + namespace;
        UUID agentId = UUID.randomUUID();
        Path spoolFile = dir.resolve("spool").resolve("reports-" + agentId + ".spool");
        RabbitControl.addUser(user, "secret");
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace);
             AgentProcess agent = AgentProcess.start(List.of(), List.of(
                             "--agent-id", agentId.toString(), "--host", host,
                             "--task-log-dir", dir.resolve("tasklogs").toString(),
                             "--pidfile", dir.resolve("agent.pid").toString(), "--spool-dir", dir.resolve("spool").toString(),
                             "--report-memory-limit", "1", "--spool-limit", "1"),
                     Map.of("FURROW_AMQP_URL", "amqp://" + user + ":secret@127.0.0.1:5672/%2F",
                             "FURROW_AMQP_NAMESPACE", namespace),
                     AgentProcess.freePort(), dir)) {
            long taskId = 78;
            master.send(agentId, new AssignTasks(UUID.randomUUID(),
                    new AssignTasks.Job(8, "chatty", "tester", "command", 1, Json.mapper().readTree("""
                            {"command": ["sh", "-c", "%s seq 1 100000"]}
                            """.formatted(awaitingCut())), Map.of(), 1, 1, 64, null, null),
                    List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));
            master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.RUNNING);

            assertThat(RabbitControl.cutOff(user, "furrow-render-agent " + host)).isPositive();
            Files.createFile(dir.resolve("cut"));
            awaitNoTasks(agent);
            assertThat(Files.size(spoolFile)).as("the spool stays within --spool-limit").isLessThanOrEqualTo(1024 * 1024);
            assertThat(agent.output()).contains("task log ").contains(" is not streamed to the master from line ");

            RabbitControl.grant(user);
            master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.DONE, Duration.ofSeconds(60));
            List<TaskLogLines> chunks = master.all(TaskLogLines.class, l -> l.taskIds().equals(List.of(taskId)));
            long nextLine = 1;
            for (TaskLogLines chunk : chunks) {
                if (chunk.firstLine() < nextLine) {
                    continue;
                }
                assertThat(chunk.firstLine()).as("what arrives is the log's start, without gaps").isEqualTo(nextLine);
                nextLine += chunk.csv().lines().count();
            }
            assertThat(nextLine - 1).as("lines delivered").isBetween(1000L, 99_999L);
            assertThat(chunks).noneMatch(TaskLogLines::last);
            assertThat(Files.readAllLines(dir.resolve("tasklogs").resolve(chunks.get(0).identifier())))
                    .as("the whole log stays on the agent").hasSize(100_000);
        } finally {
            RabbitControl.deleteUser(user);
        }
    }

    /** Shell that waits until the test has cut the agent off (rabbitmqctl takes seconds on a busy machine). */
    private String awaitingCut() {
        return "while [ ! -e '" + dir.resolve("cut") + "' ]; do sleep 0.1; done;";
    }

    /** Sequence numbers in arrival order, without the repeats of reports published again after the cut. */
    private static List<Long> firstArrivals(List<Long> arrivals) {
        Set<Long> seen = new HashSet<>();
        List<Long> result = new ArrayList<>();
        for (long sequence : arrivals) {
            if (seen.add(sequence)) {
                result.add(sequence);
            }
        }
        return result;
    }

    private static void awaitNoTasks(AgentProcess agent) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (Json.mapper().readTree(agent.get("/tasks/").body()).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the task did not finish while the broker was away: " + agent.output());
    }
}
