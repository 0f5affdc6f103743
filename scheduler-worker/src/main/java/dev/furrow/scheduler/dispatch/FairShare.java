package dev.furrow.scheduler.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the job an agent should serve next, honouring the job-queue tree's fair share (PyFarm's
 * {@code JobQueue.get_job_for_agent}). At every level of the tree (the root holds the top-level queues and the jobs
 * without a queue; a queue holds its child queues and its jobs) the children compete for the agent:
 * <ol>
 *   <li>a child below its {@code minimum_agents} that can use the agent goes first (higher priority first);</li>
 *   <li>then priority: the children of the highest priority that can use the agent take it, lower priorities get
 *       nothing while a higher one can still use agents;</li>
 *   <li>among children of one priority, the one furthest below its share, {@code weight / sum of weights} minus
 *       {@code assigned / sum of assigned}, goes first; on a tie running jobs first (when
 *       {@code queue_prefer_running_jobs}), then the older;</li>
 *   <li>never a child at its {@code maximum_agents}.</li>
 * </ol>
 * A queue can use the agent when some job below it can. Pure: it reads a snapshot and returns a job id.
 */
final class FairShare {

    private FairShare() {
    }

    /** A job queue. {@code minimumAgents} 0 and {@code maximumAgents} null mean "no limit" (PyFarm's NULLs). */
    record Queue(long id, Long parentId, int priority, int weight, int minimumAgents, Integer maximumAgents) {
    }

    /**
     * A job that holds agents or has tasks waiting. {@code assignedAgents}: distinct agents holding its unfinished
     * tasks now. {@code order}: submission order (smaller = older).
     */
    record Job(long id, Long queueId, int priority, int weight, int minimumAgents, Integer maximumAgents,
               boolean running, long order, int assignedAgents) {

        Job withAgents(int agents) {
            return new Job(id, queueId, priority, weight, minimumAgents, maximumAgents, running, order, agents);
        }

        /** The job once one more agent works for it. */
        Job withOneMoreAgent() {
            return new Job(id, queueId, priority, weight, minimumAgents, maximumAgents, true, order,
                    assignedAgents + 1);
        }
    }

    /** The tree as read in one transaction. */
    record Farm(List<Queue> queues, List<Job> jobs) {
    }

    /**
     * The job the agent should take, among {@code usable} (the jobs with queued tasks this agent can run), or
     * empty when none of them may grow.
     */
    static Optional<Long> jobFor(Farm farm, Set<Long> usable, boolean preferRunning) {
        return new Tree(farm, usable, preferRunning).choose(null);
    }

    /** One decision's view of the tree: children per node and agents per queue subtree. */
    private static final class Tree {
        private final Map<Long, List<Queue>> childQueues = new HashMap<>();
        private final Map<Long, List<Job>> childJobs = new HashMap<>();
        private final Map<Long, Integer> queueAgents = new HashMap<>();
        private final Map<Long, Queue> queues = new HashMap<>();
        private final Set<Long> usable;
        private final boolean preferRunning;

        Tree(Farm farm, Set<Long> usable, boolean preferRunning) {
            this.usable = usable;
            this.preferRunning = preferRunning;
            for (Queue q : farm.queues()) {
                queues.put(q.id(), q);
                childQueues.computeIfAbsent(q.parentId(), k -> new ArrayList<>()).add(q);
            }
            for (Job j : farm.jobs()) {
                Long queueId = j.queueId() != null && queues.containsKey(j.queueId()) ? j.queueId() : null;
                childJobs.computeIfAbsent(queueId, k -> new ArrayList<>()).add(j);
                for (Long q = queueId; q != null; q = queues.get(q).parentId()) {
                    queueAgents.merge(q, j.assignedAgents(), Integer::sum);
                }
            }
        }

        /** The job to serve below {@code node} (null = the root). */
        Optional<Long> choose(Long node) {
            List<Child> children = new ArrayList<>();
            for (Queue q : childQueues.getOrDefault(node, List.of())) {
                children.add(new Child(q, null, queueAgents.getOrDefault(q.id(), 0)));
            }
            for (Job j : childJobs.getOrDefault(node, List.of())) {
                children.add(new Child(null, j, j.assignedAgents()));
            }
            List<Child> belowMinimum = children.stream()
                    .filter(c -> c.assigned() < c.minimum())
                    .sorted(Comparator.comparingInt(Child::priority).reversed().thenComparing(this::tieBreak))
                    .toList();
            for (Child child : belowMinimum) {
                Optional<Long> job = serve(child);
                if (job.isPresent()) {
                    return job;
                }
            }
            Map<Integer, List<Child>> tiers = new HashMap<>();
            children.forEach(c -> tiers.computeIfAbsent(c.priority(), k -> new ArrayList<>()).add(c));
            List<Integer> priorities = tiers.keySet().stream().sorted(Comparator.reverseOrder()).toList();
            for (int priority : priorities) {
                List<Child> tier = tiers.get(priority);
                double weights = tier.stream().mapToDouble(Child::weight).sum();
                double assigned = tier.stream().mapToDouble(Child::assigned).sum();
                Comparator<Child> furthestBelowShare = Comparator.comparingDouble(
                        (Child c) -> share(c.weight(), weights) - share(c.assigned(), assigned)).reversed();
                for (Child child : tier.stream().sorted(furthestBelowShare.thenComparing(this::tieBreak)).toList()) {
                    Optional<Long> job = serve(child);
                    if (job.isPresent()) {
                        return job;
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<Long> serve(Child child) {
            if (child.maximum() != null && child.assigned() >= child.maximum()) {
                return Optional.empty();
            }
            if (child.job() != null) {
                return usable.contains(child.job().id()) ? Optional.of(child.job().id()) : Optional.empty();
            }
            return choose(child.queue().id());
        }

        /** Equal otherwise: running jobs first when preferred, then queues before jobs, then older first. */
        private int tieBreak(Child a, Child b) {
            if (preferRunning && a.running() != b.running()) {
                return a.running() ? -1 : 1;
            }
            return Long.compare(a.order(), b.order());
        }

        private static double share(double part, double whole) {
            return whole == 0 ? 0 : part / whole;
        }
    }

    /** A queue or a job competing at one level. */
    private record Child(Queue queue, Job job, int assigned) {
        int priority() {
            return queue != null ? queue.priority() : job.priority();
        }

        int weight() {
            return Math.max(queue != null ? queue.weight() : job.weight(), 0);
        }

        int minimum() {
            return queue != null ? queue.minimumAgents() : job.minimumAgents();
        }

        Integer maximum() {
            return queue != null ? queue.maximumAgents() : job.maximumAgents();
        }

        boolean running() {
            return job != null && job.running();
        }

        /** Queues sort before jobs on a full tie (they are ordered by id among themselves). */
        long order() {
            return queue != null ? Long.MIN_VALUE + queue.id() : job.order();
        }
    }
}
