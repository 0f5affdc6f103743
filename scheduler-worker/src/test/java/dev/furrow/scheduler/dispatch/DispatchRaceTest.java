package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.AssignTasks;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Two dispatchers (separate worker instances, separate connection pools) racing over the same database. */
class DispatchRaceTest {

    static final int AGENTS = 10;

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    private List<SimulatedAgent> onlineAgents(String prefix) {
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            SimulatedAgent agent = farm.agent(prefix + i).announce();
            agents.add(agent);
        }
        agents.forEach(a -> Await.until("agent row", () -> db.agent(a.id()), Objects::nonNull));
        return agents;
    }

    private static List<AssignTasks> received(List<SimulatedAgent> agents) {
        List<AssignTasks> assignments = new ArrayList<>();
        for (SimulatedAgent agent : agents) {
            agent.drain(agents.indexOf(agent) == 0 ? 1000 : 0).stream()
                    .map(AssignTasks.class::cast).forEach(assignments::add);
        }
        return assignments;
    }

    private static void race(List<Callable<Integer>> dispatchers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(dispatchers.size());
        try {
            for (Future<Integer> future : pool.invokeAll(dispatchers)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keeps offering work to the agents in its own random order until a whole pass hands out nothing. */
    private static Callable<Integer> eagerDispatcher(Dispatcher dispatcher, List<SimulatedAgent> agents) {
        return () -> {
            List<UUID> order = new ArrayList<>(agents.stream().map(SimulatedAgent::id).toList());
            int total = 0;
            int handedOut;
            do {
                Collections.shuffle(order);
                handedOut = 0;
                for (UUID agent : order) {
                    handedOut += dispatcher.dispatchTo(agent).assignments();
                }
                total += handedOut;
            } while (handedOut > 0);
            return total;
        };
    }

    @Test
    void withSharingEveryTaskIsClaimedExactlyOnceAcrossRacingDispatchers() throws Exception {
        long jobId = db.submit(job().frames(1, 300).cpus(0).ram(0));
        List<SimulatedAgent> agents = onlineAgents("race-share-");
        ApplicationContext one = farm.anotherWorker(Map.of("agent-allow-sharing", true), false);
        ApplicationContext two = farm.anotherWorker(Map.of("agent-allow-sharing", true), false);

        race(List.of(eagerDispatcher(one.getBean(Dispatcher.class), agents),
                eagerDispatcher(one.getBean(Dispatcher.class), agents),
                eagerDispatcher(two.getBean(Dispatcher.class), agents),
                eagerDispatcher(two.getBean(Dispatcher.class), agents)));

        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND agent_id IS NOT NULL AND attempts = 1",
                jobId)).as("tasks claimed once").isEqualTo(300);
        List<Long> sentTaskIds = received(agents).stream()
                .flatMap(a -> a.tasks().stream()).map(AssignTasks.Task::id).toList();
        assertThat(sentTaskIds).hasSize(300).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(db.taskIds(jobId));
    }

    @Test
    void withoutSharingNoAgentGetsTwoAssignmentsFromRacingDispatchers() throws Exception {
        long jobId = db.submit(job().frames(1, 100));
        List<SimulatedAgent> agents = onlineAgents("race-one-");
        Dispatcher mine = farm.bean(Dispatcher.class);
        Dispatcher other = farm.anotherWorker(Map.of(), false).getBean(Dispatcher.class);

        race(List.of(mine::dispatchToIdleAgents, other::dispatchToIdleAgents,
                eagerDispatcher(mine, agents), eagerDispatcher(other, agents)));

        List<AssignTasks> assignments = received(agents);
        assertThat(assignments).hasSize(AGENTS);
        assertThat(db.rows("SELECT agent_id, COUNT(DISTINCT assignment_id) AS n FROM tasks WHERE job_id = ? "
                + "AND agent_id IS NOT NULL GROUP BY agent_id", jobId))
                .hasSize(AGENTS).allSatisfy(row -> assertThat(row.get("n")).isEqualTo(1L));
        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND attempts > 1", jobId)).isZero();
    }
}
