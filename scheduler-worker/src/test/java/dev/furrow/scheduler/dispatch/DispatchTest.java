package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.JobChanged;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class DispatchTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();

    private static List<Double> frames(AssignTasks assignment) {
        return assignment.tasks().stream().map(AssignTasks.Task::frame).toList();
    }

    @Test
    void twoQueuesWeightedThreeToOneGetSixAndTwoOfEightAgents() {
        long heavy = db.createQueue("heavy", null, 0, 3, null, null);
        long light = db.createQueue("light", null, 0, 1, null, null);
        long heavyJob = db.submit(job().title("heavy").frames(1, 20).queue(heavy));
        long lightJob = db.submit(job().title("light").frames(1, 20).queue(light));

        Map<Long, Long> agentsPerJob = new java.util.HashMap<>();
        for (int i = 1; i <= 8; i++) {
            SimulatedAgent agent = farm.onlineAgent("d-fair" + i);
            agent.requestWork();
            agentsPerJob.merge(agent.awaitAssignment().job().id(), 1L, Long::sum);
        }

        assertThat(agentsPerJob).containsEntry(heavyJob, 6L).containsEntry(lightJob, 2L);
        assertThat(db.count("SELECT COUNT(DISTINCT agent_id) FROM tasks WHERE job_id = ?", heavyJob)).isEqualTo(6);
    }

    @Test
    void agentsGetOnlyJobsWhoseTagAndSoftwareRequirementsTheyMeet() {
        long gpu = tag("gpu");
        long workstation = tag("workstation");
        long blender = software("blender-sw");
        long blender29 = softwareVersion(blender, "2.9", 29);
        long blender36 = softwareVersion(blender, "3.6", 36);
        long nuke = software("nuke-sw");
        long nuke13 = softwareVersion(nuke, "13", 13);
        long gpuJob = db.submit(job().title("gpu and blender 3.6+").jobtype("fake-render").priority(9));
        db.update("INSERT INTO job_tag_requirements (job_id, tag_id, negate) VALUES (?, ?, FALSE)", gpuJob, gpu);
        db.update("INSERT INTO job_software_requirements (job_id, software_id, min_version_id) VALUES (?, ?, ?)",
                gpuJob, blender, blender36);
        long fakeRender = db.count("SELECT v.id FROM jobtype_versions v JOIN jobtypes t ON t.id = v.jobtype_id "
                + "WHERE t.name = 'fake-render'");
        db.update("INSERT INTO jobtype_software_requirements (jobtype_version_id, software_id) VALUES (?, ?)",
                fakeRender, nuke);
        long notOnWorkstations = db.submit(job().title("not on workstations").frames(1, 3));
        db.update("INSERT INTO job_tag_requirements (job_id, tag_id, negate) VALUES (?, ?, TRUE)",
                notOnWorkstations, workstation);
        try {
            SimulatedAgent plain = farm.onlineAgent("d-req-plain");
            SimulatedAgent oldBlender = equipped(farm.onlineAgent("d-req-old"), List.of(gpu, workstation),
                    List.of(blender29, nuke13));
            SimulatedAgent noNuke = equipped(farm.onlineAgent("d-req-nonuke"), List.of(gpu, workstation),
                    List.of(blender36));
            SimulatedAgent renderNode = equipped(farm.onlineAgent("d-req-gpu"), List.of(gpu), List.of(blender29,
                    blender36, nuke13));

            plain.requestWork();
            assertThat(plain.awaitAssignment().job().id()).isEqualTo(notOnWorkstations);
            oldBlender.requestWork();
            oldBlender.expectNothingFor(700);
            noNuke.requestWork();
            noNuke.expectNothingFor(700);
            renderNode.requestWork();
            assertThat(renderNode.awaitAssignment().job().id()).isEqualTo(gpuJob);
        } finally {
            db.update("DELETE FROM jobtype_software_requirements WHERE jobtype_version_id = ?", fakeRender);
        }
    }

    @Test
    void disabledAndOfflineAgentsNeverGetWork() {
        db.submit(job().title("waiting").frames(1, 3));
        SimulatedAgent disabled = farm.onlineAgent("d-disabled");
        db.update("UPDATE agents SET state = 'disabled' WHERE id = ?", disabled.id().toString());
        SimulatedAgent gone = farm.onlineAgent("d-offline");
        gone.goesOffline();
        Await.until("d-offline offline", () -> db.agent(gone.id()), a -> "offline".equals(a.get("state")));

        disabled.requestWork();
        disabled.heartbeat();
        farm.bean(Dispatcher.class).dispatchToIdleAgents();

        disabled.expectNothingFor(700);
        gone.expectNothingFor(100);
        assertThat(db.agent(disabled.id())).containsEntry("state", "disabled");
    }

    @Test
    void cpuAllocationLimitsTheJobsAnAgentTakes() {
        long big = db.submit(job().title("6 cpus").cpus(6).priority(9));
        long small = db.submit(job().title("4 cpus").cpus(4));
        SimulatedAgent halfAgent = farm.onlineAgent("d-alloc");
        db.update("UPDATE agents SET cpu_allocation = 0.5 WHERE id = ?", halfAgent.id().toString());

        halfAgent.requestWork();

        assertThat(halfAgent.awaitAssignment().job().id()).isEqualTo(small);
        assertThat(db.count("SELECT COUNT(*) FROM tasks WHERE job_id = ? AND agent_id IS NOT NULL", big)).isZero();
    }

    private long tag(String name) {
        db.update("INSERT IGNORE INTO tags (tag) VALUES (?)", name);
        return db.count("SELECT id FROM tags WHERE tag = ?", name);
    }

    private long software(String name) {
        db.update("INSERT IGNORE INTO software (software) VALUES (?)", name);
        return db.count("SELECT id FROM software WHERE software = ?", name);
    }

    private long softwareVersion(long software, String version, int rank) {
        db.update("INSERT IGNORE INTO software_versions (software_id, version, `rank`) VALUES (?, ?, ?)",
                software, version, rank);
        return db.count("SELECT id FROM software_versions WHERE software_id = ? AND version = ?", software, version);
    }

    private SimulatedAgent equipped(SimulatedAgent agent, List<Long> tags, List<Long> softwareVersions) {
        tags.forEach(t -> db.update("INSERT INTO agent_tag_associations (agent_id, tag_id) VALUES (?, ?)",
                agent.id().toString(), t));
        softwareVersions.forEach(v -> db.update(
                "INSERT INTO agent_software_version_associations (agent_id, software_version_id) VALUES (?, ?)",
                agent.id().toString(), v));
        return agent;
    }

    @Test
    void workRequestGetsATaskWithEverythingTheAgentNeedsToRunIt() {
        long jobId = db.submit(job().title("echo frames").frames(1, 3));
        SimulatedAgent agent = farm.onlineAgent("d-basic");

        agent.requestWork();

        AssignTasks assignment = agent.awaitAssignment();
        assertThat(assignment.job().id()).isEqualTo(jobId);
        assertThat(assignment.job().title()).isEqualTo("echo frames");
        assertThat(assignment.job().jobtype()).isEqualTo("command");
        assertThat(assignment.job().jobtypeVersion()).isEqualTo(1);
        assertThat(assignment.job().data().get("command").get(1).asText()).isEqualTo("{frame}");
        assertThat(assignment.job().environ()).containsEntry("FOO", "bar");
        assertThat(assignment.tasks()).singleElement().satisfies(task -> {
            assertThat(task.frame()).isEqualTo(1.0);
            assertThat(task.attempt()).isEqualTo(1);
        });
        Map<String, Object> row = db.task(assignment.tasks().get(0).id());
        assertThat(row).containsEntry("state", "queued").containsEntry("agent_id", agent.id().toString())
                .containsEntry("assignment_id", assignment.assignmentId().toString())
                .containsEntry("attempts", 1).containsEntry("sent_to_agent", true);
    }

    @Test
    void higherPriorityJobsGoFirstThenOlderJobs() {
        long low = db.submit(job().title("low").priority(0));
        long highOld = db.submit(job().title("high old").priority(5));
        long highNew = db.submit(job().title("high new").priority(5));

        List<Long> order = List.of(farm.onlineAgent("d-p1"), farm.onlineAgent("d-p2"), farm.onlineAgent("d-p3")).stream()
                .map(agent -> {
                    agent.requestWork();
                    return agent.awaitAssignment().job().id();
                }).toList();

        assertThat(order).containsExactly(highOld, highNew, low);
    }

    @Test
    void pausedDeletedAndBlockedJobsAreSkippedUntilTheirParentIsDone() {
        db.submit(job().title("paused").priority(9).paused());
        long deleted = db.submit(job().title("deleted").priority(9));
        db.update("UPDATE jobs SET to_be_deleted = TRUE WHERE id = ?", deleted);
        long parent = db.submit(job().title("parent"));
        long child = db.submit(job().title("child").priority(9).parents(parent));
        SimulatedAgent agent = farm.onlineAgent("d-skip");

        agent.requestWork();
        AssignTasks first = agent.awaitAssignment();
        assertThat(first.job().id()).isEqualTo(parent);

        agent.completes(parent, first.tasks().get(0));
        Await.until("parent done", () -> db.job(parent), j -> "done".equals(j.get("state")));
        agent.requestWork();
        assertThat(agent.awaitAssignment().job().id()).isEqualTo(child);
    }

    @Test
    void jobsNeedingMoreCpusOrRamThanTheAgentHasAreSkipped() {
        db.submit(job().title("too many cpus").priority(9).cpus(16));
        db.submit(job().title("too much ram").priority(8).ram(20000));
        long whole = db.submit(job().title("whole agent").priority(7).cpus(-1).ram(-1));
        SimulatedAgent agent = farm.agent("d-res").withResources(8, 16000).announce();
        Await.until("agent online", () -> db.agent(agent.id()), Objects::nonNull);

        agent.requestWork();

        assertThat(agent.awaitAssignment().job().id()).isEqualTo(whole);
    }

    @Test
    void anAgentAvoidsATaskItFailedWhileAnotherAgentCouldTakeIt() {
        long jobId = db.submit(job().frames(1, 1).requeue(5));
        SimulatedAgent first = farm.onlineAgent("d-fail1");
        first.requestWork();
        AssignTasks.Task task = first.awaitAssignment().tasks().get(0);
        first.fails(jobId, task);
        Await.until("task requeued", () -> db.task(task.id()), t -> Integer.valueOf(1).equals(t.get("failures")));

        SimulatedAgent second = farm.onlineAgent("d-fail2");
        first.requestWork();
        first.expectNothingFor(700);
        second.requestWork();
        assertThat(second.awaitAssignment().tasks()).extracting(AssignTasks.Task::id).containsExactly(task.id());
    }

    @Test
    void anAgentRetriesATaskItFailedWhenNoOtherAgentCould() {
        long jobId = db.submit(job().frames(1, 1).requeue(5));
        SimulatedAgent only = farm.onlineAgent("d-only");
        only.requestWork();
        AssignTasks.Task task = only.awaitAssignment().tasks().get(0);
        only.fails(jobId, task);
        Await.until("task requeued", () -> db.task(task.id()), t -> Integer.valueOf(1).equals(t.get("failures")));

        only.requestWork();

        AssignTasks.Task retry = only.awaitAssignment().tasks().get(0);
        assertThat(retry.id()).isEqualTo(task.id());
        assertThat(retry.attempt()).isEqualTo(2);
    }

    @Test
    void batchesAreContiguousFramesUpToTheJobBatch() {
        long jobId = db.submit(job().jobtype("blender").frames(1, 10).batch(3));
        List<Long> tasks = db.taskIds(jobId);
        db.update("UPDATE tasks SET state = 'done' WHERE id = ?", tasks.get(1)); // frame 2
        SimulatedAgent a = farm.onlineAgent("d-b1");
        SimulatedAgent b = farm.onlineAgent("d-b2");

        a.requestWork();
        assertThat(frames(a.awaitAssignment())).containsExactly(1.0);
        b.requestWork();
        assertThat(frames(b.awaitAssignment())).containsExactly(3.0, 4.0, 5.0);
    }

    @Test
    void batchesNeverExceedTheJobTypesMaxBatch() {
        db.submit(job().jobtype("blender").frames(1, 30).batch(25)); // blender's max_batch is 10
        SimulatedAgent agent = farm.onlineAgent("d-max");

        agent.requestWork();

        assertThat(agent.awaitAssignment().tasks()).hasSize(10);
    }

    @Test
    void withoutSharingAnAgentHoldsOneAssignmentAtATime() {
        long jobId = db.submit(job().frames(1, 5));
        SimulatedAgent agent = farm.onlineAgent("d-one");
        agent.requestWork();
        AssignTasks first = agent.awaitAssignment();

        agent.requestWork();
        agent.expectNothingFor(700);

        agent.completes(jobId, first.tasks().get(0));
        agent.requestWork();
        assertThat(frames(agent.awaitAssignment())).containsExactly(2.0);
    }

    @Test
    void submittedUnpausedAndRerunJobsAreOfferedToIdleAgents() {
        SimulatedAgent agent = farm.onlineAgent("d-event");
        agent.requestWork();
        agent.expectNothingFor(500);

        long jobId = db.submit(job().frames(1, 1));
        farm.jobChanged(jobId, JobChanged.Change.SUBMITTED, List.of());
        AssignTasks assignment = agent.awaitAssignment();
        agent.completes(jobId, assignment.tasks().get(0));
        Await.until("job done", () -> db.job(jobId), j -> "done".equals(j.get("state")));

        // A rerun as the api-server does it: the task is queued again, the job still says done.
        db.update("UPDATE tasks SET state = 'queued', agent_id = NULL WHERE job_id = ?", jobId);
        farm.jobChanged(jobId, JobChanged.Change.RERUN, List.of());
        AssignTasks rerun = agent.awaitAssignment();
        assertThat(rerun.tasks().get(0).attempt()).isEqualTo(2);
        assertThat(db.job(jobId)).containsEntry("state", "queued");

        agent.report(rerun.tasks().get(0), 1, WorkState.RUNNING, 0.0, null);
        Await.until("job running", () -> db.job(jobId), j -> "running".equals(j.get("state")));
    }

    @Test
    void aTaskPinnedToAnAgentGoesToThatAgentAndNoOther() {
        long jobId = db.submit(job().frames(1, 3));
        SimulatedAgent other = farm.onlineAgent("d-pin-other");
        SimulatedAgent chosen = farm.onlineAgent("d-pin-chosen");
        long third = db.taskIds(jobId).get(2);
        db.update("UPDATE tasks SET agent_id = ?, sent_to_agent = FALSE WHERE id = ?", chosen.id().toString(), third);

        other.requestWork();
        assertThat(frames(other.awaitAssignment())).containsExactly(1.0);
        chosen.requestWork();

        AssignTasks pinned = chosen.awaitAssignment();
        assertThat(pinned.tasks()).extracting(AssignTasks.Task::id).containsExactly(third);
        assertThat(pinned.tasks().get(0).attempt()).isEqualTo(1);
        assertThat(db.task(third)).containsEntry("sent_to_agent", true)
                .containsEntry("agent_id", chosen.id().toString());
    }

    @Test
    void aWorkRequestThatFoundItsAgentBusyIsServedWhenTheAgentsTaskEnds() {
        long jobId = db.submit(job().frames(1, 2));
        SimulatedAgent agent = farm.onlineAgent("d-early");
        agent.requestWork();
        AssignTasks.Task first = agent.awaitAssignment().tasks().get(0);

        // As when another worker decides the request before this one applied the report that frees the agent.
        agent.requestWork();
        Await.until("request remembered", () -> db.agent(agent.id()), a -> Boolean.TRUE.equals(a.get("wants_work")));
        agent.report(first, 1, WorkState.RUNNING, 0.0, null);
        agent.report(first, 2, WorkState.DONE, 1.0, null);

        assertThat(frames(agent.awaitAssignment())).containsExactly(2.0);
        assertThat(db.agent(agent.id())).containsEntry("wants_work", false);
    }
}
