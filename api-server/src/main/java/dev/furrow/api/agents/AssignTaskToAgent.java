package dev.furrow.api.agents;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.Set;

/**
 * PyFarm's "assign an existing task to the agent", inside the caller's transaction. The api-server does not
 * dispatch: it pins the queued task to the agent ({@code agent_id} set, not yet sent, no assignment) and the
 * scheduler-worker delivers pinned tasks to their agent. The task stays queued until the agent starts it.
 */
final class AssignTaskToAgent {

    private static final Set<String> ACCEPTING = Set.of("online", "running");

    private AssignTaskToAgent() {
    }

    /** Pins the task; returns its job's id. Pinning a task again to the agent it is pinned to changes nothing. */
    static long assign(Sql sql, String agentId, long taskId) throws SQLException {
        String agentState = AgentFinder.require(sql, agentId);
        if (!ACCEPTING.contains(agentState)) {
            throw ApiException.conflict("agent " + agentId + " is " + agentState + "; only online or running agents take tasks");
        }
        record Task(long jobId, String state, String agentId, boolean sent, String jobState, boolean toBeDeleted) {
        }
        Task task = sql.one("""
                SELECT t.job_id, t.state, t.agent_id, t.sent_to_agent, j.state AS job_state, j.to_be_deleted
                FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE t.id = ? FOR UPDATE""",
                row -> new Task(row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getString(5), row.getBoolean(6)), taskId)
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " not found"));
        if (task.toBeDeleted() || task.jobState().equals("paused")) {
            throw ApiException.conflict("task " + taskId + " belongs to job " + task.jobId() + ", which is "
                    + (task.toBeDeleted() ? "being deleted" : "paused"));
        }
        boolean pinnedHereAlready = agentId.equals(task.agentId()) && !task.sent() && task.state().equals("queued");
        if (pinnedHereAlready) {
            return task.jobId();
        }
        if (!task.state().equals("queued") || task.agentId() != null) {
            throw ApiException.conflict("task " + taskId + " is " + task.state()
                    + (task.agentId() == null ? "" : " on agent " + task.agentId())
                    + "; only a queued task no agent holds can be assigned");
        }
        sql.update("UPDATE tasks SET agent_id = ?, sent_to_agent = FALSE, assignment_id = NULL WHERE id = ?", agentId, taskId);
        return task.jobId();
    }
}
