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

    private final Duration maxAge;
    private FarmSnapshot snapshot;
    private JobFacts facts;
    private Instant readAt = Instant.MIN;
    private volatile boolean stale = true;
    private final Map<Long, AssignTasks.Job> payloads = new HashMap<>();
    private final Map<UUID, Requirements.Offer> offers = new HashMap<>();
    private final Map<Long, TaskPool.Position> poolStarts = new HashMap<>();

    FarmView(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** Jobs changed (a job event): read the farm again before the next decision. */
    void invalidate() {
        stale = true;
    }

    /** Reads the farm again if the view is older than {@code maxAge} or was invalidated; returns whether it did. */
    boolean refreshIfOld(Connection c, Instant now) throws SQLException {
        if (!stale && now.isBefore(readAt.plus(maxAge))) {
            return false;
        }
        stale = false;
        snapshot = FarmSnapshot.read(c);
        facts = JobFacts.read(c, snapshot.runnable().values().stream()
                .map(job -> new JobFacts.Job(job.id(), job.jobtypeVersionId())).toList());
        payloads.clear();
        offers.clear();
        // From the first frame again: tasks put back in the queue since (failures, releases) come first.
        poolStarts.clear();
        readAt = now;
        return true;
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
