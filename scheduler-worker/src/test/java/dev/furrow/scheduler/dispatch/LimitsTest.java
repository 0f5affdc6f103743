package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.AssignTasks;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    @AfterEach
    void forgetLimits() {
        db.update("DELETE FROM limits");
    }

    private static long limit(String name, int capacity) {
        db.update("INSERT INTO limits (name, capacity) VALUES (?, ?)", name, capacity);
        return db.count("SELECT id FROM limits WHERE name = ?", name);
    }

    private static long holding(long limitId) {
        return db.count("""
                SELECT COUNT(*) FROM tasks t JOIN jobs j ON j.id = t.job_id
                 WHERE t.agent_id IS NOT NULL AND t.state IN ('queued','running')
                   AND (EXISTS (SELECT 1 FROM job_limits l WHERE l.job_id = j.id AND l.limit_id = ?)
                        OR EXISTS (SELECT 1 FROM jobtype_limits l WHERE l.jobtype_version_id = j.jobtype_version_id
                                     AND l.limit_id = ?))""", limitId, limitId);
    }

    private static List<SimulatedAgent> onlineAgents(String prefix, int n) {
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agents.add(farm.agent(prefix + i).announce());
        }
        agents.forEach(a -> Await.until("agent row", () -> db.agent(a.id()), Objects::nonNull));
        return agents;
    }

    @Test
    void capacityTwoIsNeverExceededWhileFiveAgentsWorkThroughTheJob() throws Exception {
        long licence = limit("nuke-licence", 2);
        long jobId = db.submit(job().title("licensed").frames(1, 8));
        db.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, 1)", jobId, licence);
        List<SimulatedAgent> agents = onlineAgents("lim-five-", 5);
        AtomicLong mostHeld = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                mostHeld.accumulateAndGet(holding(licence), Math::max);
                Await.sleep(5);
            }
        });
        sampler.start();
        try {
            agents.forEach(SimulatedAgent::requestWork);
            int done = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (done < 8 && System.currentTimeMillis() < deadline) {
                for (SimulatedAgent agent : agents) {
                    AssignTasks assignment = agent.pollAssignment(20);
                    if (assignment == null) {
                        continue;
                    }
                    assertThat(holding(licence)).as("tasks holding the licence on assignment").isLessThanOrEqualTo(2);
                    for (AssignTasks.Task task : assignment.tasks()) {
                        agent.completes(jobId, task);
                        assertThat(holding(licence)).as("tasks holding the licence at a report")
                                .isLessThanOrEqualTo(2);
                        done++;
                    }
                    agent.requestWork();
                }
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }

        Await.until("job done", () -> db.job(jobId), j -> "done".equals(j.get("state")));
        assertThat(mostHeld.get()).as("most tasks holding the licence at once").isEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND attempts = 1 AND state = 'done'", jobId))
                .isEqualTo(8);
    }

    @Test
    void aJobWhoseLimitIsFullIsSkippedAndTheAgentGetsAnotherJob() {
        long licence = limit("one-seat", 1);
        long limited = db.submit(job().title("limited").frames(1, 3).priority(9));
        db.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, 1)", limited, licence);
        long free = db.submit(job().title("free").frames(1, 3));
        SimulatedAgent first = farm.onlineAgent("lim-skip-1");
        SimulatedAgent second = farm.onlineAgent("lim-skip-2");

        first.requestWork();
        assertThat(first.awaitAssignment().job().id()).isEqualTo(limited);
        second.requestWork();
        assertThat(second.awaitAssignment().job().id()).isEqualTo(free);
    }

    @Test
    void aFinishedTaskFreesItsLimitForAnIdleAgent() {
        long licence = limit("freed-seat", 1);
        long jobId = db.submit(job().title("one at a time").frames(1, 2));
        db.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, 1)", jobId, licence);
        SimulatedAgent busy = farm.onlineAgent("lim-free-1");
        SimulatedAgent waiting = farm.onlineAgent("lim-free-2");
        busy.requestWork();
        AssignTasks first = busy.awaitAssignment();
        waiting.requestWork();
        waiting.expectNothingFor(500);
        // Only the waiting agent may take the freed seat (the busy one would be idle too once it finishes).
        db.update("UPDATE agents SET state = 'disabled' WHERE id = ?", busy.id().toString());

        busy.completes(jobId, first.tasks().get(0));

        assertThat(waiting.awaitAssignment().job().id()).isEqualTo(jobId);
    }

    @Test
    void aRejectedAssignmentFreesItsLimitForAnotherIdleAgentAtOnce() {
        long licence = limit("refused-seat", 1);
        long jobId = db.submit(job().title("refused").frames(1, 2));
        db.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, 1)", jobId, licence);
        SimulatedAgent refusing = farm.onlineAgent("lim-refuse-1");
        SimulatedAgent waiting = farm.onlineAgent("lim-refuse-2");
        refusing.requestWork();
        AssignTasks refused = refusing.awaitAssignment();
        waiting.requestWork();
        waiting.expectNothingFor(500);

        refusing.rejects(refused, "busy with another assignment");

        assertThat(waiting.awaitAssignment().job().id()).isEqualTo(jobId);
        refusing.expectNothingFor(700);
    }

    @Test
    void theAgentThatRejectedLimitedTasksIsNotOfferedThemAgainAtOnce() {
        long licence = limit("refused-alone", 1);
        long jobId = db.submit(job().title("refused alone").frames(1, 1));
        db.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, 1)", jobId, licence);
        SimulatedAgent refusing = farm.onlineAgent("lim-refuse-alone");
        refusing.requestWork();
        AssignTasks refused = refusing.awaitAssignment();

        refusing.rejects(refused, "unknown job type 'command'");

        long taskId = refused.tasks().get(0).id();
        Await.until("released", () -> db.task(taskId), t -> t.get("agent_id") == null);
        refusing.expectNothingFor(1000);
        assertThat(db.task(taskId)).containsEntry("attempts", 0).containsEntry("state", "queued");
    }

    @Test
    void twoRacingWorkersShrinkBatchesToTheLimit() throws Exception {
        long licence = limit("raced-seats", 3);
        long jobId = db.submit(job().title("raced").frames(1, 50).batch(2));
        db.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, 1)", jobId, licence);
        List<SimulatedAgent> agents = onlineAgents("lim-race-", 8);
        Dispatcher one = farm.anotherWorker(Map.of(), false).getBean(Dispatcher.class);
        Dispatcher two = farm.anotherWorker(Map.of(), false).getBean(Dispatcher.class);
        List<Callable<Integer>> racers = new ArrayList<>();
        for (Dispatcher dispatcher : List.of(one, two, one, two)) {
            racers.add(dispatcher::dispatchToIdleAgents);
        }
        for (SimulatedAgent agent : agents) {
            Dispatcher dispatcher = agents.indexOf(agent) % 2 == 0 ? one : two;
            racers.add(() -> dispatcher.dispatchTo(agent.id()).assignments());
        }

        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            for (Future<Integer> future : pool.invokeAll(racers)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(holding(licence)).isEqualTo(3);
        int sent = 0;
        for (SimulatedAgent agent : agents) {
            sent += agent.drain(agents.indexOf(agent) == 0 ? 700 : 0).stream()
                    .mapToInt(m -> ((AssignTasks) m).tasks().size()).sum();
        }
        assertThat(sent).as("tasks sent to agents").isEqualTo(3);
    }

    @Test
    void aJobtypeVersionLimitAppliesToAllItsJobs() {
        long licence = limit("fake-render-seat", 1);
        long version = db.count("SELECT v.id FROM jobtype_versions v JOIN jobtypes t ON t.id = v.jobtype_id "
                + "WHERE t.name = 'fake-render' ORDER BY v.version DESC LIMIT 1");
        db.update("INSERT INTO jobtype_limits (jobtype_version_id, limit_id, amount) VALUES (?, ?, 1)", version,
                licence);
        long a = db.submit(job().title("render a").jobtype("fake-render").frames(1, 2));
        long b = db.submit(job().title("render b").jobtype("fake-render").frames(1, 2));
        List<SimulatedAgent> agents = onlineAgents("lim-jt-", 3);

        agents.forEach(SimulatedAgent::requestWork);
        List<AssignTasks> assignments = new ArrayList<>();
        for (SimulatedAgent agent : agents) {
            agent.drain(agents.indexOf(agent) == 0 ? 1000 : 0).forEach(m -> assignments.add((AssignTasks) m));
        }

        assertThat(assignments).hasSize(1);
        assertThat(assignments.get(0).job().id()).isIn(a, b);
        assertThat(holding(licence)).isEqualTo(1);
    }
}
