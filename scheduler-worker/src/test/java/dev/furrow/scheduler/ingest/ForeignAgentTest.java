package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AssignTasks;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Objects;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

/** A worker serving farm "blue" keeps agents of other farms out, as the api-server does at registration. */
class ForeignAgentTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of("furrow.farm-name", "blue"))
            .emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @Test
    void anAgentOfAnotherFarmIsNotAdmittedAndGetsNoWork() {
        db.submit(job().frames(1, 1));
        SimulatedAgent red = farm.agent("red-node").ofFarm("red").announce();
        SimulatedAgent blue = farm.agent("blue-node").ofFarm("blue").announce();
        Await.until("blue agent admitted", () -> db.agent(blue.id()), Objects::nonNull);

        red.requestWork();
        blue.requestWork();

        assertThat(blue.awaitAssignment().tasks()).hasSize(1);
        assertThat(db.agent(red.id())).as("red announced before blue, so its announcement was applied already")
                .isNull();
        red.expectNothingFor(500);
    }

    @Test
    void anAgentWithoutAFarmNameIsAdmitted() {
        SimulatedAgent unnamed = farm.agent("unnamed-node").ofFarm(null).announce();

        Map<String, Object> row = Await.until("agent admitted", () -> db.agent(unnamed.id()), Objects::nonNull);
        assertThat(row).containsEntry("state", "online");
    }

    @Test
    void aKnownAgentThatMovesToAnotherFarmIsDisabledAndItsTasksRequeued() {
        long jobId = db.submit(job().frames(1, 1));
        SimulatedAgent agent = farm.agent("moving-node").ofFarm("blue").announce();
        AssignTasks.Task task = farm.startsWork(agent);

        agent.ofFarm("red").announce();

        Await.until("agent disabled", () -> db.agent(agent.id()), r -> "disabled".equals(r.get("state")));
        assertThat(db.task(task.id())).containsEntry("state", "queued").containsEntry("agent_id", null)
                .containsEntry("failures", 0);
        assertThat(db.agent(agent.id())).containsEntry("farm_name", "blue");
        agent.requestWork();
        agent.expectNothingFor(500);
        assertThat(db.taskIds(jobId)).hasSize(1);
    }
}
