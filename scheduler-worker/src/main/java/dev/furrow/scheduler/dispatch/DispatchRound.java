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
 * One dispatch decision for a set of agents, inside the caller's transaction: the agents are locked, the farm
 * is read once ({@link FarmSnapshot}), and each agent in turn gets the job {@link FairShare} picks among those it
 * can run (resources, tags, software), a batch of that job's tasks ({@link TaskPool}) that fits its limits
 * ({@link LimitLedger}), and the shares move on as if it already ran them. Tasks an admin pinned to an agent go
 * to it first. All claims are written at once ({@link StampTasks}); the caller publishes the returned
 * assignments after the commit.
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
    private final FarmSnapshot snapshot;
    private final Map<Long, FairShare.Job> shares;
    private final Map<UUID, Requirements.Offer> offers;
    private final Map<Long, Requirements> requirements;
    private final LimitLedger limits;
    private final OnlineAgents online;
    private final Map<Long, TaskPool> pools = new HashMap<>();
    private final Set<Long> exhausted = new HashSet<>();

    private DispatchRound(Connection c, DispatchRules rules, FarmSnapshot snapshot, List<ServedAgent> agents)
            throws SQLException {
        this.c = c;
        this.rules = rules;
        this.snapshot = snapshot;
        this.shares = new HashMap<>(snapshot.jobs());
        this.offers = AgentOffer.readAll(c, agents.stream().map(ServedAgent::id).toList());
        this.requirements = JobRequirements.of(c, snapshot.runnable().values());
        this.limits = LimitLedger.lock(c, Stream.concat(
                snapshot.runnable().values().stream().map(j -> new LimitLedger.Job(j.id(), j.jobtypeVersionId())),
                agents.stream().flatMap(a -> a.pinned().stream())
                        .map(p -> new LimitLedger.Job(p.jobId(), p.jobtypeVersionId()))).toList());
        this.online = new OnlineAgents(c);
    }

    static Result run(Connection c, Collection<UUID> agentIds, DispatchRules rules, Instant now)
            throws SQLException {
        List<ServedAgent> locked = ServedAgent.lock(c, agentIds);
        List<ServedAgent> agents = locked.stream().filter(agent -> rules.allowSharing() || !agent.busy()).toList();
        if (agents.size() < locked.size()) {
            WaitingWorkRequests.remember(c, locked.stream().filter(ServedAgent::busy).map(ServedAgent::id).toList());
        }
        if (agents.isEmpty()) {
            return new Result(List.of(), true);
        }
        FarmSnapshot snapshot = FarmSnapshot.read(c);
        boolean anyPinned = agents.stream().anyMatch(agent -> !agent.pinned().isEmpty());
        if (snapshot.runnable().isEmpty() && !anyPinned) {
            return new Result(List.of(), false);
        }
        return new DispatchRound(c, rules, snapshot, agents).serve(agents, now);
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
        StampTasks.stamp(c, claims, now);
        List<AssignTasks> messages = AssignmentMessages.of(c, claims, now);
        List<Assigned> assigned = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            assigned.add(new Assigned(claims.get(i).agentId(), messages.get(i)));
        }
        return new Result(assigned, exhausted.size() < snapshot.runnable().size());
    }

    /** The tasks of one job pinned to the agent, as far as the job's limits allow. */
    private Optional<Claim> pinnedClaim(ServedAgent agent) {
        if (agent.pinned().isEmpty() || (agent.busy() && !rules.allowSharing())) {
            return Optional.empty();
        }
        long jobId = agent.pinned().get(0).jobId();
        List<ServedAgent.Pinned> ofJob = agent.pinned().stream().filter(p -> p.jobId() == jobId).toList();
        int size = limits.fit(jobId, ofJob.size());
        if (size == 0) {
            return Optional.empty();
        }
        List<BatchPicker.Candidate> tasks = ofJob.subList(0, size).stream().map(ServedAgent.Pinned::task).toList();
        agent.pinned().removeAll(ofJob.subList(0, size));
        return Optional.of(claim(agent, jobId, tasks, ofJob.get(0).needs()));
    }

    /** The next batch of the job fair share picks among those this agent can run. */
    private Optional<Claim> fairShareClaim(ServedAgent agent, int agentsLeft) throws SQLException {
        Set<Long> usable = usableJobs(agent);
        Optional<Long> chosen;
        while ((chosen = FairShare.jobFor(new FairShare.Farm(snapshot.queues(), List.copyOf(shares.values())),
                usable, rules.preferRunningJobs())).isPresent()) {
            FarmSnapshot.RunnableJob job = snapshot.runnable().get(chosen.get());
            int size = limits.fit(job.id(), job.batchSize());
            TaskPool pool = pools.computeIfAbsent(job.id(), TaskPool::new);
            List<BatchPicker.Candidate> batch = size == 0 ? List.of()
                    : pool.take(c, agent.id(), job, size, agentsLeft, online);
            if (pool.exhausted()) {
                exhausted.add(job.id());
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
        for (FarmSnapshot.RunnableJob job : snapshot.runnable().values()) {
            if (!exhausted.contains(job.id())
                    && Capacity.fits(agent.capacity(), job.needs(), rules.allowSharing(), rules.useTotalRam())
                    && requirements.getOrDefault(job.id(), Requirements.NONE).satisfiedBy(offer)) {
                usable.add(job.id());
            }
        }
        return usable;
    }

    private Claim claim(ServedAgent agent, long jobId, List<BatchPicker.Candidate> tasks, Capacity.Needs needs) {
        limits.hold(jobId, tasks.size());
        if (!agent.holdsJob(jobId)) {
            shares.computeIfPresent(jobId, (id, job) -> job.withOneMoreAgent());
        }
        agent.took(jobId, needs);
        return new Claim(agent.id(), jobId, UUID.randomUUID(), tasks);
    }
}
