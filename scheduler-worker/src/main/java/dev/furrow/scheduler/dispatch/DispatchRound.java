package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.AssignTasks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One dispatch decision for a set of agents, inside the caller's transaction: the agents are locked, and each in
 * turn gets the job {@link FairShare} picks among those it can run (resources, tags, software), a batch of that
 * job's tasks ({@link TaskPool}) that fits its limits ({@link LimitLedger}), and the shares move on as if it
 * already ran them. Tasks an admin pinned to an agent go to it first. The farm comes from this worker's
 * {@link FarmView}; whether its jobs are dispatchable is checked afresh as tasks are locked. All claims are written at once
 * ({@link StampTasks}); the caller publishes the returned assignments after the commit.
 */
final class DispatchRound {

    /** With agent sharing, how many assignments one round may give one agent. */
    static final int MAX_ASSIGNMENTS_PER_AGENT = 16;

    /** What a round decided. {@code workLeft}: some job still had tasks nobody took in this round. */
    record Result(List<Assigned> assigned, boolean workLeft) {
    }

    /** An assignment to publish to its agent. */
    record Assigned(UUID agentId, AssignTasks assignment) {
    }

    private final Connection c;
    private final DispatchRules rules;
    private final FarmView view;
    private final Set<Long> pinnedDispatchable;
    private final Map<UUID, Requirements.Offer> offers;
    private final LimitLedger limits;
    private final Map<Long, TaskPool> pools = new HashMap<>();

    private DispatchRound(Connection c, DispatchRules rules, FarmView view, List<ServedAgent> agents)
            throws SQLException {
        this.c = c;
        this.rules = rules;
        this.view = view;
        List<JobFacts.Job> pinnedJobs = agents.stream().flatMap(a -> a.pinned().stream())
                .map(p -> new JobFacts.Job(p.jobId(), p.jobtypeVersionId())).distinct().toList();
        this.pinnedDispatchable = DispatchableJobs.among(c, pinnedJobs.stream().map(JobFacts.Job::id).toList());
        this.offers = view.offers(c, agents.stream().map(ServedAgent::id).toList());
        JobFacts pinnedJobFacts = JobFacts.read(c, pinnedJobs);
        Map<Long, Map<Long, Integer>> limitAmounts = new HashMap<>();
        Stream.concat(view.snapshot().runnable().keySet().stream(), pinnedDispatchable.stream()).distinct()
                .forEach(jobId -> {
                    JobFacts facts = view.facts().jobs().contains(jobId) ? view.facts() : pinnedJobFacts;
                    Map<Long, Integer> amounts = facts.limitAmountsOf(jobId);
                    if (!amounts.isEmpty()) {
                        limitAmounts.put(jobId, amounts);
                    }
                });
        this.limits = LimitLedger.lock(c, limitAmounts);
    }

    static Result run(Connection c, Collection<UUID> agentIds, DispatchRules rules, FarmView view, Instant now)
            throws SQLException {
        List<ServedAgent> locked = ServedAgent.lock(c, agentIds);
        List<ServedAgent> agents = locked.stream().filter(agent -> rules.allowSharing() || !agent.busy()).toList();
        if (agents.size() < locked.size()) {
            WaitingWorkRequests.remember(c, locked.stream().filter(ServedAgent::busy).map(ServedAgent::id).toList());
        }
        if (agents.isEmpty()) {
            return new Result(List.of(), true);
        }
        boolean fresh = view.refreshIfOld(c, now);
        Result result = serve(c, rules, view, agents, now);
        List<ServedAgent> unserved = agents.stream().filter(agent -> !agent.busy()).toList();
        if (!fresh && !unserved.isEmpty()) {
            // The view may predate the work these agents could take (a job submitted a moment ago).
            view.invalidate();
            view.refreshIfOld(c, now);
            Result again = serve(c, rules, view, unserved, now);
            List<Assigned> assigned = new ArrayList<>(result.assigned());
            assigned.addAll(again.assigned());
            result = new Result(assigned, again.workLeft());
        }
        return result;
    }

    private static Result serve(Connection c, DispatchRules rules, FarmView view, List<ServedAgent> agents,
                                Instant now) throws SQLException {
        boolean anyPinned = agents.stream().anyMatch(agent -> !agent.pinned().isEmpty());
        if (view.snapshot().runnable().isEmpty() && !anyPinned) {
            return new Result(List.of(), false);
        }
        return new DispatchRound(c, rules, view, agents).serve(agents, now);
    }

    private Result serve(List<ServedAgent> agents, Instant now) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        int perAgent = rules.allowSharing() ? MAX_ASSIGNMENTS_PER_AGENT : 1;
        for (int i = 0; i < agents.size(); i++) {
            ServedAgent agent = agents.get(i);
            int agentsLeft = agents.size() - i;
            for (int given = 0; given < perAgent; given++) {
                Optional<Claim> claim = pinnedClaim(agent);
                if (claim.isEmpty()) {
                    claim = fairShareClaim(agent, agentsLeft);
                }
                if (claim.isEmpty()) {
                    break;
                }
                claims.add(claim.get());
            }
        }
        pools.forEach(view::poolUsed);
        StampTasks.stamp(c, claims, now);
        Map<Long, AssignTasks.Job> jobs = view.payloads(c, claims.stream().map(Claim::jobId).toList());
        List<Assigned> assigned = claims.stream().map(claim -> new Assigned(claim.agentId(),
                AssignmentMessages.of(claim, jobs.get(claim.jobId()), now))).toList();
        return new Result(assigned, !view.snapshot().runnable().isEmpty());
    }

    /** The tasks of one job pinned to the agent, as far as the job's limits allow. */
    private Optional<Claim> pinnedClaim(ServedAgent agent) {
        if (agent.pinned().isEmpty() || (agent.busy() && !rules.allowSharing())) {
            return Optional.empty();
        }
        long jobId = agent.pinned().get(0).jobId();
        List<ServedAgent.Pinned> ofJob = agent.pinned().stream().filter(p -> p.jobId() == jobId).toList();
        agent.pinned().removeAll(ofJob);
        int size = pinnedDispatchable.contains(jobId) ? limits.fit(jobId, ofJob.size()) : 0;
        if (size == 0) {
            return Optional.empty();
        }
        List<BatchPicker.Candidate> tasks = ofJob.subList(0, size).stream().map(ServedAgent.Pinned::task).toList();
        return Optional.of(claim(agent, jobId, tasks, ofJob.get(0).needs()));
    }

    /** The next batch of the job fair share picks among those this agent can run. */
    private Optional<Claim> fairShareClaim(ServedAgent agent, int agentsLeft) throws SQLException {
        Set<Long> usable = usableJobs(agent);
        Optional<Long> chosen;
        while ((chosen = FairShare.jobFor(view.snapshot().farm(), usable, rules.preferRunningJobs())).isPresent()) {
            FarmSnapshot.RunnableJob job = view.snapshot().runnable().get(chosen.get());
            int size = limits.fit(job.id(), job.batchSize());
            TaskPool pool = pools.computeIfAbsent(job.id(), view::pool);
            List<BatchPicker.Candidate> batch = size == 0 ? List.of()
                    : pool.take(c, agent.id(), job, size, agentsLeft);
            if (pool.exhausted()) {
                view.ranOut(job.id());
            }
            if (batch.isEmpty()) {
                // A limit is full, other rounds hold the rest, or this agent failed every task left.
                usable.remove(job.id());
                continue;
            }
            return Optional.of(claim(agent, job.id(), batch, job.needs()));
        }
        return Optional.empty();
    }

    private Set<Long> usableJobs(ServedAgent agent) {
        Requirements.Offer offer = offers.get(agent.id());
        Set<Long> usable = new HashSet<>();
        for (FarmSnapshot.RunnableJob job : view.snapshot().runnable().values()) {
            if (Capacity.fits(agent.capacity(), job.needs(), rules.allowSharing(), rules.useTotalRam())
                    && view.facts().requirementsOf(job.id()).satisfiedBy(offer)) {
                usable.add(job.id());
            }
        }
        return usable;
    }

    private Claim claim(ServedAgent agent, long jobId, List<BatchPicker.Candidate> tasks, Capacity.Needs needs) {
        limits.hold(jobId, tasks.size());
        if (!agent.holdsJob(jobId)) {
            view.claimed(jobId);
        }
        agent.took(jobId, needs);
        return new Claim(agent.id(), jobId, UUID.randomUUID(), tasks);
    }
}
