package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.tasks.LockJobs;
import dev.furrow.scheduler.tasks.RollUpJobState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies one task report inside the caller's transaction: task state, times, progress, last_error, failures
 * and requeue, failed_tasks_in_agents, the agent's last_success_on and the job roll-up. Idempotent: a report
 * for another attempt or agent, or with a sequence already applied, changes nothing.
 */
final class ApplyTaskReport {

    private ApplyTaskReport() {
    }

    static ReportEffect apply(Connection c, TaskReported r, Instant now) throws SQLException {
        TouchAgent.touch(c, r.agentId(), now);
        Optional<Long> jobId = jobOf(c, r.taskId());
        if (jobId.isEmpty()) {
            return ReportEffect.IGNORE;
        }
        LockJobs.lock(c, List.of(jobId.get()));
        Optional<ReportEffect.TaskRow> row = lockTask(c, r.taskId());
        if (row.isEmpty()) {
            return ReportEffect.IGNORE;
        }
        ReportEffect effect = ReportEffect.of(row.get(), r);
        Instant at = r.at() == null ? now : r.at();
        switch (effect) {
            case IGNORE -> {
                return effect;
            }
            case START -> update(c, r, at, """
                    state = 'running', time_started = ?, time_finished = NULL, progress = COALESCE(?, 0),
                    last_error = NULL""", at, r.progress());
            case PROGRESS -> update(c, r, at, "progress = COALESCE(?, progress)", r.progress());
            case FINISH -> {
                update(c, r, at, """
                        state = 'done', progress = 1, last_error = NULL, time_finished = ?,
                        time_started = COALESCE(time_started, ?)""", at, at);
                markAgentSuccess(c, r.agentId(), at);
            }
            case FAIL_AND_REQUEUE -> {
                update(c, r, at, """
                        state = 'queued', failures = failures + 1, last_error = ?, progress = 0, agent_id = NULL,
                        assignment_id = NULL, sent_to_agent = FALSE, time_finished = ?""", r.lastError(), at);
                rememberFailure(c, r.taskId(), r.agentId());
            }
            case FAIL_FOR_GOOD -> {
                update(c, r, at, "state = 'failed', failures = failures + 1, last_error = ?, time_finished = ?",
                        r.lastError(), at);
                rememberFailure(c, r.taskId(), r.agentId());
            }
            case RELEASE -> update(c, r, at, """
                    state = 'queued', last_error = ?, progress = 0, agent_id = NULL, assignment_id = NULL,
                    sent_to_agent = FALSE""", r.lastError());
        }
        RollUpJobState.apply(c, jobId.get(), now);
        return effect;
    }

    private static Optional<Long> jobOf(Connection c, long taskId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT job_id FROM tasks WHERE id = ?")) {
            s.setLong(1, taskId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<ReportEffect.TaskRow> lockTask(Connection c, long taskId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.state, t.attempts, t.agent_id, t.report_sequence, t.failures, j.requeue
                  FROM tasks t JOIN jobs j ON j.id = t.job_id
                 WHERE t.id = ? FOR UPDATE""")) {
            s.setLong(1, taskId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String agent = rs.getString("agent_id");
                return Optional.of(new ReportEffect.TaskRow(
                        WorkState.fromWireName(rs.getString("state")), rs.getInt("attempts"),
                        agent == null ? null : UUID.fromString(agent), rs.getLong("report_sequence"),
                        rs.getInt("failures"), rs.getInt("requeue")));
            }
        }
    }

    /** Sets {@code assignments} (with its parameters) plus the report bookkeeping every applied report does. */
    private static void update(Connection c, TaskReported r, Instant at, String assignments, Object... params)
            throws SQLException {
        String sql = "UPDATE tasks SET " + assignments + ", report_sequence = ?, last_report_at = ? WHERE id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Object param : params) {
                if (param instanceof Instant instant) {
                    Sql.setInstant(s, i++, instant);
                } else {
                    s.setObject(i++, param);
                }
            }
            s.setLong(i++, r.sequence());
            Sql.setInstant(s, i++, at);
            s.setLong(i, r.taskId());
            s.executeUpdate();
        }
    }

    private static void markAgentSuccess(Connection c, UUID agentId, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agents SET last_success_on = ? WHERE id = ?")) {
            Sql.setInstant(s, 1, at);
            s.setString(2, agentId.toString());
            s.executeUpdate();
        }
    }

    private static void rememberFailure(Connection c, long taskId, UUID agentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT IGNORE INTO failed_tasks_in_agents (task_id, agent_id)
                SELECT ?, id FROM agents WHERE id = ?""")) {
            s.setLong(1, taskId);
            s.setString(2, agentId.toString());
            s.executeUpdate();
        }
    }
}
