package dev.furrow.agent.sysinfo;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real agent between two heartbeats a minute apart: a task that takes 400 MB of ram makes it report the drop in
 * free ram at once (--ram-report-delta), and never more often than --ram-max-report-frequency. (On a shared machine
 * other processes move free ram too, which only adds reports; FreeRamReportsTest pins the rule itself.)
 */
class FreeRamReportingTest {

    @TempDir
    Path dir;

    @Test
    void aLargeChangeOfFreeRamIsReportedBetweenHeartbeatsNoMoreOftenThanAllowed() throws Exception {
        String namespace = TestBroker.freshNamespace();
        UUID id = UUID.randomUUID();
        try (FakeMaster master = new FakeMaster(TestBroker.url(), namespace);
             AgentProcess agent = AgentProcess.start(List.of(), List.of("--agent-id", id.toString(),
                     "--heartbeat-interval", "60", "--ram-check-interval", "0.2", "--ram-report-delta", "200",
                     "--ram-max-report-frequency", "2", "--pidfile", dir.resolve("agent.pid").toString(),
                     "--task-log-dir", dir.resolve("logs").toString(), "--spool-dir", dir.resolve("spool").toString()),
                     Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace),
                     AgentProcess.freePort(), dir)) {
            Instant announcedAt = master.await(AgentAnnounced.class, a -> a.agentId().equals(id)).at();
            long taskId = 61;
            master.send(id, new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(6, "hungry", "tester", "fake-render", 1,
                    Json.mapper().readTree("{\"ram\": 400, \"duration\": 8}"), Map.of(), 1, 1, 16, null, null),
                    List.of(new AssignTasks.Task(taskId, 1, null, 1)), Instant.now()));

            AgentHeartbeat drop = master.await(AgentHeartbeat.class, h -> h.agentId().equals(id), Duration.ofSeconds(30));
            assertThat(Duration.between(announcedAt, drop.at())).as("long before the first regular heartbeat")
                    .isLessThan(Duration.ofSeconds(40));
            master.await(TaskReported.class, r -> r.taskId() == taskId && r.state() == WorkState.DONE);

            List<AgentHeartbeat> beats = master.all(AgentHeartbeat.class, h -> h.agentId().equals(id)
                    && h.at().isBefore(announcedAt.plusSeconds(59)));
            for (int i = 1; i < beats.size(); i++) {
                assertThat(Duration.between(beats.get(i - 1).at(), beats.get(i).at()))
                        .as("reports of free ram at least --ram-max-report-frequency apart").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            }
        }
    }
}
