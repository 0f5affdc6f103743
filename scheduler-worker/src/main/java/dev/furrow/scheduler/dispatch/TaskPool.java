package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.sql.Sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Queued, unassigned tasks of one job, locked for a dispatch round with FOR UPDATE SKIP LOCKED (so two rounds
 * never wait for, or take, the same task) and handed to the round's agents in frame order; none while the job is
 * not dispatchable at this moment ({@link DispatchableJobs}), whatever the {@link FarmView} said. The pool is filled
 * with as many tasks as the round may need at once and refilled past the last frame it holds, so a round costs
 * a few queries per job, not one per agent. It starts where the previous round of this worker stopped
 * ({@link Position}, kept in the {@link FarmView}): the index entries of tasks handed out a moment ago linger
 * (delete-marked) until InnoDB purges them, and a range starting before them would step over each, every round.
 */
final class TaskPool {

    /**
     * Tasks the first fill locks at most (unless one batch is larger); each refill locks twice as many, up to
     * {@link #MAX_FILL}. Agents spread over several jobs, so a round's first guess stays small.
     */
    private static final int FIRST_FILL = 32;
    private static final int MAX_FILL = 512;

    private final long jobId;
    private final LinkedList<BatchPicker.Candidate> tasks = new LinkedList<>();
    private final Map<Long, Set<UUID>> failedOnOnlineAgents = new HashMap<>();
    private int nextFill = FIRST_FILL;
    private int onlineAgents;
    private Position from;
    private boolean drained;

    /** Where in frame order a pool starts: at (inclusive) or after a task's frame and tile. */
    record Position(BigDecimal frame, Integer tile, boolean inclusive) {
    }

    /** A pool of the job's tasks from {@code from} on (null: from the first frame). */
    TaskPool(long jobId, Position from) {
        this.jobId = jobId;
        this.from = from;
    }

    /** Where the next round should start: at the first task this pool locked but nobody took, else after it. */
    Position next() {
        return tasks.isEmpty() ? from : new Position(tasks.getFirst().frame(), tasks.getFirst().tile(), true);
    }

    /**
     * Takes the next batch for the agent: at most {@code size} tasks, contiguous frames when the job wants them.
     * A task this agent failed before is passed over while some other online agent has not failed it (PyFarm's
     * failed_in_agents); when every online agent failed it, this agent may try again. Empty when the job has no
     * task left for this agent.
     */
    List<BatchPicker.Candidate> take(Connection c, UUID agentId, FarmSnapshot.RunnableJob job, int size,
                                     int agentsLeft) throws SQLException {
        List<BatchPicker.Candidate> allowed = allowed(agentId, size);
        if (allowed.size() < size && !drained) {
            fill(c, Math.max(size, Math.min(nextFill, agentsLeft * size)));
            nextFill = Math.min(MAX_FILL, nextFill * 2);
            allowed = allowed(agentId, size);
        }
        List<BatchPicker.Candidate> batch = BatchPicker.pick(allowed, size, job.contiguous(), job.by());
        tasks.removeAll(batch);
        return batch;
    }

    /** Whether the job has no queued task left that this round could lock. */
    boolean exhausted() {
        return drained && tasks.isEmpty();
    }

    private List<BatchPicker.Candidate> allowed(UUID agentId, int size) {
        List<BatchPicker.Candidate> allowed = new ArrayList<>(size);
        for (Iterator<BatchPicker.Candidate> it = tasks.iterator(); it.hasNext() && allowed.size() < size; ) {
            BatchPicker.Candidate task = it.next();
            Set<UUID> failed = failedOnOnlineAgents.getOrDefault(task.id(), Set.of());
            if (!failed.contains(agentId) || failed.size() >= onlineAgents) {
                allowed.add(task);
            }
        }
        return allowed;
    }

    private void fill(Connection c, int wanted) throws SQLException {
        String after = from == null ? "" : " AND t.frame >= ? AND NOT (t.frame = ? AND COALESCE(t.tile, -1) "
                + (from.inclusive() ? "<" : "<=") + " ?)";
        List<BatchPicker.Candidate> locked = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.id, t.frame, t.tile, t.attempts FROM tasks t
                 WHERE t.job_id = ? AND t.state = 'queued' AND t.agent_id IS NULL%s
                   AND EXISTS (%s)
                 ORDER BY t.frame, t.tile
                 LIMIT ?
                 FOR UPDATE SKIP LOCKED""".formatted(after, DispatchableJobs.CONDITION))) {
            int i = 1;
            s.setLong(i++, jobId);
            if (from != null) {
                s.setBigDecimal(i++, from.frame());
                s.setBigDecimal(i++, from.frame());
                s.setInt(i++, from.tile() == null ? -1 : from.tile());
            }
            s.setLong(i++, jobId);
            s.setInt(i, wanted);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BigDecimal frame = rs.getBigDecimal("frame");
                    locked.add(new BatchPicker.Candidate(rs.getLong("id"), frame, Sql.nullableInt(rs, "tile"),
                            rs.getInt("attempts")));
                }
            }
        }
        drained = locked.size() < wanted;
        if (!locked.isEmpty()) {
            BatchPicker.Candidate last = locked.get(locked.size() - 1);
            from = new Position(last.frame(), last.tile(), false);
            readFailures(c, locked);
            tasks.addAll(locked);
        }
    }

    /** Which online agents failed the locked tasks, and how many agents are online (asked with them). */
    private void readFailures(Connection c, List<BatchPicker.Candidate> locked) throws SQLException {
        List<Long> ids = locked.stream().map(BatchPicker.Candidate::id).toList();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT f.task_id, f.agent_id, (SELECT COUNT(*) FROM agents WHERE state IN ('online','running'))
                  FROM failed_tasks_in_agents f
                  JOIN agents a ON a.id = f.agent_id AND a.state IN ('online','running')
                 WHERE f.task_id IN (%s)""".formatted(Sql.placeholders(ids.size())))) {
            Sql.bindLongs(s, 1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    failedOnOnlineAgents.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                            .add(UUID.fromString(rs.getString(2)));
                    onlineAgents = rs.getInt(3);
                }
            }
        }
    }
}
