package dev.furrow.scheduler.dispatch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FairShareTest {

    /** A hand-built farm: queues and jobs with the agents they hold; agents are handed out one at a time. */
    private static final class Farm {
        final List<FairShare.Queue> queues = new ArrayList<>();
        final Map<Long, FairShare.Job> jobs = new LinkedHashMap<>();
        final Set<Long> exhausted = new HashSet<>();
        boolean preferRunning = true;

        Farm queue(long id, Long parent, int priority, int weight, int min, Integer max) {
            queues.add(new FairShare.Queue(id, parent, priority, weight, min, max));
            return this;
        }

        Farm job(long id, Long queue, int priority, int weight, int min, Integer max) {
            return job(id, queue, priority, weight, min, max, false, 0);
        }

        Farm job(long id, Long queue, int priority, int weight, int min, Integer max, boolean running, int agents) {
            jobs.put(id, new FairShare.Job(id, queue, priority, weight, min, max, running, id, agents));
            return this;
        }

        Optional<Long> next() {
            Set<Long> usable = new HashSet<>(jobs.keySet());
            usable.removeAll(exhausted);
            return FairShare.jobFor(new FairShare.Farm(queues, List.copyOf(jobs.values())), usable, preferRunning);
        }

        /** Hands out {@code agents} agents one by one; returns the agents each job holds afterwards. */
        Map<Long, Integer> handOut(int agents) {
            for (int i = 0; i < agents; i++) {
                Optional<Long> chosen = next();
                if (chosen.isEmpty()) {
                    break;
                }
                FairShare.Job j = jobs.get(chosen.get());
                jobs.put(j.id(), new FairShare.Job(j.id(), j.queueId(), j.priority(), j.weight(), j.minimumAgents(),
                        j.maximumAgents(), true, j.order(), j.assignedAgents() + 1));
            }
            Map<Long, Integer> held = new LinkedHashMap<>();
            jobs.values().forEach(j -> held.put(j.id(), j.assignedAgents()));
            return held;
        }
    }

    @Test
    void twoQueuesWeightedThreeToOneSplitEightAgentsSixToTwo() {
        Farm farm = new Farm().queue(1, null, 0, 3, 0, null).queue(2, null, 0, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);

        assertThat(farm.handOut(8)).containsEntry(10L, 6).containsEntry(20L, 2);
    }

    @Test
    void everyPrefixOfTheHandOutStaysCloseToTheWeights() {
        Farm farm = new Farm().queue(1, null, 0, 3, 0, null).queue(2, null, 0, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);

        assertThat(farm.handOut(4)).containsEntry(10L, 3).containsEntry(20L, 1);
    }

    @Test
    void jobsInOneQueueSplitByWeight() {
        Farm farm = new Farm().queue(1, null, 0, 10, 0, null)
                .job(10, 1L, 0, 20, 0, null).job(11, 1L, 0, 10, 0, null).job(12, 1L, 0, 10, 0, null);

        assertThat(farm.handOut(8)).containsEntry(10L, 4).containsEntry(11L, 2).containsEntry(12L, 2);
    }

    @Test
    void aHigherPrioritySiblingTakesEveryAgentItCanUse() {
        Farm farm = new Farm().queue(1, null, 5, 1, 0, null).queue(2, null, 0, 100, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);

        assertThat(farm.handOut(5)).containsEntry(10L, 5).containsEntry(20L, 0);
    }

    @Test
    void lowerPriorityGetsAgentsOnceTheHigherOneCannotUseMore() {
        Farm farm = new Farm().queue(1, null, 5, 1, 0, 2).queue(2, null, 0, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);

        assertThat(farm.handOut(5)).containsEntry(10L, 2).containsEntry(20L, 3);
    }

    @Test
    void aHigherPriorityJobWithNoQueuedTasksLeftLetsOthersIn() {
        Farm farm = new Farm().job(10, null, 9, 10, 0, null).job(11, null, 0, 10, 0, null);
        farm.exhausted.add(10L);

        assertThat(farm.next()).contains(11L);
    }

    @Test
    void minimumAgentsComeBeforePriorityAndWeight() {
        Farm farm = new Farm().queue(1, null, 9, 100, 0, null).queue(2, null, 0, 1, 2, null)
                .job(10, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);

        assertThat(farm.handOut(5)).containsEntry(10L, 3).containsEntry(20L, 2);
    }

    @Test
    void aJobsMinimumComesBeforeAHigherPrioritySibling() {
        Farm farm = new Farm().job(10, null, 9, 10, 0, null).job(11, null, 0, 10, 3, null);

        assertThat(farm.handOut(4)).containsEntry(10L, 1).containsEntry(11L, 3);
    }

    @Test
    void maximumAgentsCapsAQueueEvenWhenNothingElseWantsAgents() {
        Farm farm = new Farm().queue(1, null, 0, 10, 0, 3).job(10, 1L, 0, 10, 0, null);

        assertThat(farm.handOut(6)).containsEntry(10L, 3);
        assertThat(farm.next()).isEmpty();
    }

    @Test
    void maximumAgentsCapsAJob() {
        Farm farm = new Farm().job(10, null, 5, 10, 0, 2).job(11, null, 0, 10, 0, null);

        assertThat(farm.handOut(5)).containsEntry(10L, 2).containsEntry(11L, 3);
    }

    @Test
    void nestedQueuesShareTheirParentsPortion() {
        // root: A (weight 1) and B (weight 1); B holds B1 (weight 3) and B2 (weight 1).
        Farm farm = new Farm().queue(1, null, 0, 1, 0, null).queue(2, null, 0, 1, 0, null)
                .queue(3, 2L, 0, 3, 0, null).queue(4, 2L, 0, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(30, 3L, 0, 10, 0, null).job(40, 4L, 0, 10, 0, null);

        assertThat(farm.handOut(16)).containsEntry(10L, 8).containsEntry(30L, 6).containsEntry(40L, 2);
    }

    @Test
    void agentsAlreadyHeldCountTowardsTheShare() {
        Farm farm = new Farm().queue(1, null, 0, 1, 0, null).queue(2, null, 0, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null, true, 4).job(20, 2L, 0, 10, 0, null);

        assertThat(farm.handOut(4)).containsEntry(10L, 4).containsEntry(20L, 4);
    }

    @Test
    void queuedJobsDoNotStarveWhenTheirSiblingIsRunning() {
        Farm farm = new Farm().job(10, null, 0, 10, 0, null, true, 3).job(11, null, 0, 10, 0, null);

        assertThat(farm.next()).contains(11L);
    }

    @Test
    void onATieRunningJobsArePreferredWhenConfigured() {
        Farm farm = new Farm().job(10, null, 0, 10, 0, null, false, 0).job(11, null, 0, 10, 0, null, true, 0);

        assertThat(farm.next()).contains(11L);
        farm.preferRunning = false;
        assertThat(farm.next()).contains(10L);
    }

    @Test
    void jobsWithoutAQueueCompeteWithTopLevelQueues() {
        Farm farm = new Farm().queue(1, null, 0, 10, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(11, null, 0, 30, 0, null);

        assertThat(farm.handOut(4)).containsEntry(10L, 1).containsEntry(11L, 3);
    }

    @Test
    void aQueueWithNoUsableJobsIsPassedOver() {
        Farm farm = new Farm().queue(1, null, 9, 10, 5, null).queue(2, null, 0, 10, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);
        farm.exhausted.add(10L);

        assertThat(farm.next()).contains(20L);
    }

    @Test
    void agentsHeldByAJobThatCannotGrowStillCountForItsQueue() {
        // Queue 1's paused job holds 3 agents: with equal weights queue 2 gets the next 3.
        Farm farm = new Farm().queue(1, null, 0, 1, 0, null).queue(2, null, 0, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null, false, 3).job(11, 1L, 0, 10, 0, null).job(20, 2L, 0, 10, 0, null);
        farm.exhausted.add(10L);

        assertThat(farm.handOut(4)).containsEntry(20L, 3).containsEntry(11L, 1);
    }

    @Test
    void aQueuesMinimumIsMetBeforeItsSiblingsEvenInsideAnotherQueue() {
        // root: A (priority 5) and B; inside B: B1 with minimum 1 and B2 with a higher priority.
        Farm farm = new Farm().queue(1, null, 5, 1, 0, null).queue(2, null, 0, 1, 1, null)
                .queue(3, 2L, 0, 1, 1, null).queue(4, 2L, 9, 1, 0, null)
                .job(10, 1L, 0, 10, 0, null).job(30, 3L, 0, 10, 0, null).job(40, 4L, 0, 10, 0, null);

        Map<Long, Integer> held = farm.handOut(1);

        assertThat(held).containsEntry(30L, 1).containsEntry(10L, 0).containsEntry(40L, 0);
    }

    @Test
    void nothingUsableMeansNoJob() {
        Farm farm = new Farm().job(10, null, 0, 10, 0, null);
        farm.exhausted.add(10L);

        assertThat(farm.next()).isEmpty();
    }
}
