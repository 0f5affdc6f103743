package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AssignTasks;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class AgentPresenceTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @Test
    void announcementCreatesTheAgentWithItsHardware() {
        SimulatedAgent agent = farm.agent("render01").withResources(16, 32000).announce();

        Map<String, Object> row = Await.until("agent row", () -> db.agent(agent.id()), Objects::nonNull);
        assertThat(row).containsEntry("hostname", "render01").containsEntry("state", "online")
                .containsEntry("cpus", 16).containsEntry("ram", 32000).containsEntry("port", 50000)
                .containsEntry("os_class", "linux").containsEntry("remote_ip", "10.0.0.7");
        assertThat(row.get("last_heard_from")).isNotNull();
        assertThat(db.rows("SELECT mountpoint FROM agent_disks WHERE agent_id = ? ORDER BY mountpoint",
                agent.id().toString())).extracting(r -> r.get("mountpoint")).containsExactly("/", "/scratch");
        assertThat(db.rows("SELECT mac_address FROM agent_mac_addresses WHERE agent_id = ?", agent.id().toString()))
                .extracting(r -> r.get("mac_address")).containsExactly("00:11:22:33:44:55");
        assertThat(db.rows("SELECT g.fullname FROM gpus g JOIN gpu_agent_associations a ON a.gpu_id = g.id "
                + "WHERE a.agent_id = ?", agent.id().toString())).extracting(r -> r.get("fullname"))
                .containsExactly("Test GPU 1000");
    }

    @Test
    void reannouncingReplacesHardwareInsteadOfDuplicatingIt() {
        SimulatedAgent agent = farm.onlineAgent("render02");
        agent.withResources(4, 8000).announce();

        Await.until("updated agent", () -> db.agent(agent.id()), r -> Integer.valueOf(4).equals(r.get("cpus")));
        assertThat(db.count("SELECT COUNT(*) FROM agent_disks WHERE agent_id = ?", agent.id().toString())).isEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM gpu_agent_associations WHERE agent_id = ?", agent.id().toString()))
                .isEqualTo(1);
    }

    @Test
    void heartbeatRefreshesLastHeardFromAndBringsAnOfflineAgentBack() {
        SimulatedAgent agent = farm.onlineAgent("render03");
        LocalDateTime longAgo = LocalDateTime.of(2020, 1, 1, 0, 0);
        db.update("UPDATE agents SET last_heard_from = ?, state = 'offline' WHERE id = ?", longAgo, agent.id().toString());

        agent.heartbeat();

        Map<String, Object> row = Await.until("heartbeat applied", () -> db.agent(agent.id()),
                r -> "online".equals(r.get("state")));
        assertThat((LocalDateTime) row.get("last_heard_from")).isAfter(longAgo);
        assertThat(row).containsEntry("free_ram", 8000);
    }

    @Test
    void agentGoingOfflineReleasesItsTasksWithoutCountingFailures() {
        long jobId = db.submit(job().frames(1, 2).batch(2).jobtype("blender"));
        SimulatedAgent agent = farm.agent("render04").announce();
        agent.requestWork();
        AssignTasks assignment = agent.awaitAssignment();
        agent.report(assignment.tasks().get(0), 1, dev.furrow.messages.WorkState.RUNNING, 0.1, null);
        Await.until("task running", () -> db.task(assignment.tasks().get(0).id()), t -> "running".equals(t.get("state")));

        agent.goesOffline();

        Await.until("agent offline", () -> db.agent(agent.id()), r -> "offline".equals(r.get("state")));
        for (long taskId : db.taskIds(jobId)) {
            assertThat(db.task(taskId)).containsEntry("state", "queued").containsEntry("agent_id", null)
                    .containsEntry("failures", 0);
        }
    }

    @Test
    void announcingWithoutATaskTheDatabaseThinksRunningReleasesIt() {
        db.submit(job().frames(1, 1));
        SimulatedAgent agent = farm.agent("render05").announce();
        agent.requestWork();
        AssignTasks.Task task = agent.awaitAssignment().tasks().get(0);
        agent.report(task, 1, dev.furrow.messages.WorkState.RUNNING, 0.0, null);
        Await.until("task running", () -> db.task(task.id()), t -> "running".equals(t.get("state")));

        agent.announce(List.of()); // restarted: runs nothing

        Await.until("task released", () -> db.task(task.id()), t -> "queued".equals(t.get("state"))
                && t.get("agent_id") == null);
        assertThat(db.task(task.id())).containsEntry("failures", 0);
    }
}
