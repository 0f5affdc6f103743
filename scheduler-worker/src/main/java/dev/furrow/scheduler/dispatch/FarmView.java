package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.AssignTasks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What this worker's dispatch rounds know of the farm between reads of it: the fair-share snapshot, what its
 * runnable jobs demand and hold ({@link JobFacts}), the settings their assignments carry, and what the agents
 * served offer. Reading all that costs more statements than a round's own work, so it is read again only once it
 * is older than {@code maxAge} or a job event says jobs changed; in between, this worker's claims move the shares
 * and a job whose queued tasks ran out leaves the runnable set. What other workers and users did shows up at the
 * next read: fair share and requirement changes may lag by up to {@code maxAge}, while each round checks the
 * state of the jobs it claims from ({@link DispatchableJobs}), so a paused or deleted job never gets a task. Used
 * by one round at a time ({@link Dispatcher} serialises them).
 */
final class FarmView {

    /**
     * How often task pools start from a job's first frame again, so that tasks put back in the queue (failures,
     * releases) are found; in between they start where the worker's previous round stopped.
     */
    private static final Duration POOLS_RESTART = Duration.ofSeconds(1);

    private final Duration maxAge;
    private FarmSnapshot snapshot;
    private JobFacts facts;
    private Instant readAt = Instant.MIN;
    private volatile boolean stale = true;
    private volatile long invalidations;
    private long installedInvalidations;
    private final Map<Long, AssignTasks.Job> payloads = new HashMap<>();
    private final Map<UUID, Requirements.Offer> offers = new HashMap<>();
    private final Map<Long, TaskPool.Position> poolStarts = new HashMap<>();
    private Instant poolsStartedAt = Instant.MIN;

    FarmView(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** What one read of the farm found; {@code invalidations}: how many job events had been seen before it. */
    private record Read(FarmSnapshot snapshot, JobFacts facts, Map<Long, AssignTasks.Job> payloads, Instant at,
                long invalidations) {
    }

    /** Reads the farm. */
    private Read read(Connection c, Instant now) throws SQLException {
        long seen = invalidations;
        FarmSnapshot snapshot = FarmSnapshot.read(c);
        JobFacts facts = JobFacts.read(c, snapshot.runnable().values().stream()
                .map(job -> new JobFacts.Job(job.id(), job.jobtypeVersionId())).toList());
        Map<Long, AssignTasks.Job> payloads = AssignmentMessages.jobs(c, snapshot.runnable().keySet());
        return new Read(snapshot, facts, payloads, now, seen);
    }

    /** Jobs changed (a job event): read the farm again, and start task pools from the first frame. */
    void invalidate() {
        invalidations++;
        stale = true;
    }

    /** Whether the view is too old to decide from: invalidated, or older than {@code maxAge}. */
    boolean old(Instant now) {
        return stale || !now.isBefore(readAt.plus(maxAge));
    }

    /** Reads the farm again if the view is too old to decide from; returns whether it did. */
    boolean refreshIfOld(Connection c, Instant now) throws SQLException {
        if (!old(now)) {
            return false;
        }
        install(read(c, now));
        return true;
    }

    /** Takes a read as the view. */
    private void install(Read read) {
        snapshot = read.snapshot();
        facts = read.facts();
        payloads.clear();
        payloads.putAll(read.payloads());
        offers.clear();
        if (!read.at().isBefore(poolsStartedAt.plus(POOLS_RESTART))) {
            // From the first frame again: tasks put back in the queue since (failures, releases) come first.
            poolStarts.clear();
            poolsStartedAt = read.at();
        }
        readAt = read.at();
        // A job event seen while the read ran may not be in it.
        stale = read.invalidations() != invalidations;
        if (read.invalidations() != installedInvalidations) {
            poolStarts.clear();
            installedInvalidations = read.invalidations();
        }
    }

    FarmSnapshot snapshot() {
        return snapshot;
    }

    JobFacts facts() {
        return facts;
    }

    /** What the agents offer to requirements, read for those not seen since the last refresh. */
    Map<UUID, Requirements.Offer> offers(Connection c, Collection<UUID> agentIds) throws SQLException {
        List<UUID> missing = agentIds.stream().filter(id -> !offers.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            offers.putAll(AgentOffers.read(c, missing));
        }
        return offers;
    }

    /** The job settings the jobs' assignments carry, read for those not seen since the last refresh. */
    Map<Long, AssignTasks.Job> payloads(Connection c, Collection<Long> jobIds) throws SQLException {
        List<Long> missing = jobIds.stream().distinct().filter(id -> !payloads.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            payloads.putAll(AssignmentMessages.jobs(c, missing));
        }
        return payloads;
    }

    /** A pool for the job's tasks, starting where this worker's previous round stopped. */
    TaskPool pool(long jobId) {
        return new TaskPool(jobId, poolStarts.get(jobId));
    }

    /** The round is done with the pool: the next round of the job starts where it stopped. */
    void poolUsed(long jobId, TaskPool pool) {
        TaskPool.Position next = pool.next();
        if (next != null) {
            poolStarts.put(jobId, next);
        }
    }

    /** One more agent works for the job (this worker's claim). */
    void claimed(long jobId) {
        snapshot.jobs().computeIfPresent(jobId, (id, job) -> job.withOneMoreAgent());
    }

    /** The job had no task left to lock: leave it out until the next read. */
    void ranOut(long jobId) {
        snapshot.runnable().remove(jobId);
    }
}
