package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import dev.furrow.scheduler.dispatch.LimitLedger;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.tasks.LockJobs;
import dev.furrow.scheduler.tasks.RollUpJobState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies task reports, in order, inside the caller's transaction: task state, times, progress, last_error,
 * failures and requeue, failed_tasks_in_agents, the agents' last_success_on and the roll-up of each job touched.
 * The jobs are locked first, then the tasks, in id order (lock order job → task, see LockJobs); each report is
 * decided against the row as the reports before it left it ({@link ReportEffect}), and each task row is written
 * once. Idempotent: a report for another attempt or agent, or with a sequence already applied, changes nothing.
 */
final class ApplyTaskReports {

    private ApplyTaskReports() {
    }

    /**
     * What the reports did. {@code limitsFreed}: a task that held a limit let go of it; {@code jobsFinished}: a job
     * became done or failed. What they mean for agent rows (tasks ended, successes) goes to {@code agents}.
     */
    record Applied(boolean limitsFreed, boolean jobsFinished) {
    }

    static Applied apply(Connection c, List<TaskReported> reports, AgentRowWrites agents, Instant now)
            throws SQLException {
        if (reports.isEmpty()) {
            return new Applied(false, false);
        }
        Set<Long> taskIds = new TreeSet<>();
        reports.forEach(r -> taskIds.add(r.taskId()));
        LockJobs.ofTasks(c, taskIds);
        Map<Long, TaskRow> rows = lockTasks(c, taskIds);
        Set<Long> jobsReleasing = new HashSet<>();
        List<Failure> failures = new ArrayList<>();
        for (TaskReported r : reports) {
            TaskRow row = rows.get(r.taskId());
            if (row == null) {
                continue;
            }
            ReportEffect effect = ReportEffect.of(row.decisionView(), r);
            Instant at = r.at() == null ? now : r.at();
            row.apply(effect, r, at);
            if (effect.endsAssignment()) {
                jobsReleasing.add(row.jobId);
            }
            switch (effect) {
                case FINISH -> {
                    agents.endedTask(r.agentId());
                    agents.succeeded(r.agentId(), at);
                }
                case FAIL_AND_REQUEUE, FAIL_FOR_GOOD -> {
                    agents.endedTask(r.agentId());
                    failures.add(new Failure(row.id, r.agentId()));
                }
                default -> {
                }
            }
        }
        List<TaskRow> changed = rows.values().stream().filter(row -> row.changed).toList();
        write(c, changed);
        rememberFailures(c, failures);
        boolean jobsFinished = !RollUpJobState.apply(c, new TreeSet<>(changed.stream().map(row -> row.jobId).toList()),
                now).isEmpty();
        boolean limitsFreed = !LimitLedger.jobsHoldingLimits(c, jobsReleasing).isEmpty();
        return new Applied(limitsFreed, jobsFinished);
    }

    private static Map<Long, TaskRow> lockTasks(Connection c, Set<Long> taskIds) throws SQLException {
        Map<Long, TaskRow> rows = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.id, t.job_id, j.requeue, t.attempts, t.state, t.agent_id, t.assignment_id, t.sent_to_agent,
                       t.report_sequence, t.failures, t.progress, t.last_error, t.time_started, t.time_finished,
                       t.last_report_at, t.stop_requested_at
                  FROM tasks t JOIN jobs j ON j.id = t.job_id
                 WHERE t.id IN (%s) ORDER BY t.id FOR UPDATE""".formatted(Sql.placeholders(taskIds.size())))) {
            Sql.bindLongs(s, 1, taskIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    TaskRow row = new TaskRow(rs.getLong("id"), rs.getLong("job_id"), rs.getInt("requeue"),
                            rs.getInt("attempts"));
                    row.state = WorkState.fromWireName(rs.getString("state"));
                    String agent = rs.getString("agent_id");
                    row.agentId = agent == null ? null : UUID.fromString(agent);
                    row.assignmentId = rs.getString("assignment_id");
                    row.sentToAgent = rs.getBoolean("sent_to_agent");
                    row.reportSequence = rs.getLong("report_sequence");
                    row.failures = rs.getInt("failures");
                    row.progress = rs.getDouble("progress");
                    row.lastError = rs.getString("last_error");
                    row.timeStarted = Sql.getInstant(rs, "time_started");
                    row.timeFinished = Sql.getInstant(rs, "time_finished");
                    row.lastReportAt = Sql.getInstant(rs, "last_report_at");
                    row.stopRequestedAt = Sql.getInstant(rs, "stop_requested_at");
                    rows.put(row.id, row);
                }
            }
        }
        return rows;
    }

    private static final int ROWS_PER_STATEMENT = 250;

    /** Writes the changed rows back, many in one statement. */
    private static void write(Connection c, List<TaskRow> changed) throws SQLException {
        for (int from = 0; from < changed.size(); from += ROWS_PER_STATEMENT) {
            List<TaskRow> chunk = changed.subList(from, Math.min(changed.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE tasks t JOIN (%s) r ON r.id = t.id
                       SET t.state = r.state, t.agent_id = r.agent_id, t.assignment_id = r.assignment_id,
                           t.sent_to_agent = r.sent_to_agent, t.report_sequence = r.report_sequence,
                           t.failures = r.failures, t.progress = r.progress, t.last_error = r.last_error,
                           t.time_started = r.time_started, t.time_finished = r.time_finished,
                           t.last_report_at = r.last_report_at, t.stop_requested_at = r.stop_requested_at"""
                    .formatted(Sql.rows(chunk.size(), "CAST(? AS SIGNED) AS id", "? AS state", "? AS agent_id",
                            "? AS assignment_id", "? AS sent_to_agent", "CAST(? AS SIGNED) AS report_sequence",
                            "CAST(? AS SIGNED) AS failures", "? AS progress", "? AS last_error", "? AS time_started",
                            "? AS time_finished", "? AS last_report_at", "? AS stop_requested_at")))) {
                int i = 1;
                for (TaskRow row : chunk) {
                    s.setLong(i++, row.id);
                    s.setString(i++, row.state.wireName());
                    s.setString(i++, row.agentId == null ? null : row.agentId.toString());
                    s.setString(i++, row.assignmentId);
                    s.setBoolean(i++, row.sentToAgent);
                    s.setLong(i++, row.reportSequence);
                    s.setInt(i++, row.failures);
                    s.setDouble(i++, row.progress);
                    s.setString(i++, row.lastError);
                    Sql.setInstant(s, i++, row.timeStarted);
                    Sql.setInstant(s, i++, row.timeFinished);
                    Sql.setInstant(s, i++, row.lastReportAt);
                    Sql.setInstant(s, i++, row.stopRequestedAt);
                }
                s.executeUpdate();
            }
        }
    }

    /** An agent failed a task: PyFarm's failed_in_agents, which dispatch avoids. */
    private record Failure(long taskId, UUID agentId) {
    }

    private static void rememberFailures(Connection c, List<Failure> failures) throws SQLException {
        if (failures.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT IGNORE INTO failed_tasks_in_agents (task_id, agent_id)
                SELECT ?, id FROM agents WHERE id = ?""")) {
            for (Failure failure : failures) {
                s.setLong(1, failure.taskId());
                s.setString(2, failure.agentId().toString());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
