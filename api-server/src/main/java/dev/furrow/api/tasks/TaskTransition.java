package dev.furrow.api.tasks;

import java.time.Instant;
import java.util.UUID;

/** PyFarm's task update rules (pyfarm.models.task event handlers) as a pure function of the task's values. */
public final class TaskTransition {

    private TaskTransition() {
    }

    /** The columns the rules read and write. */
    public record TaskValues(String state, int attempts, int failures, double progress, UUID agentId,
                             String lastError, boolean hidden, Instant timeStarted, Instant timeFinished) {
    }

    /** The task after the change, and whether it failed on an agent (for failed_tasks_in_agents). */
    public record Outcome(TaskValues task, UUID failedOnAgent) {
    }

    /** @param requeue the job's requeue setting: -1 forever, 0 never, n retries */
    public static Outcome apply(TaskValues old, TaskChange change, int requeue, Instant now) {
        String state = change.state().orElse(old.state());
        int attempts = old.attempts();
        int failures = old.failures();
        double progress = change.progress().orElse(old.progress());
        UUID agent = change.agentGiven() ? change.agentId() : old.agentId();
        String lastError = change.lastError().orElse(old.lastError());
        Instant started = old.timeStarted();
        Instant finished = old.timeFinished();
        UUID failedOnAgent = null;
        boolean entering = !state.equals(old.state());

        if (entering) {
            switch (state) {
                case "running" -> {
                    attempts += 1; // PyFarm: Task.attempts increments on entering running
                    started = now;
                    finished = null;
                }
                case "done" -> finished = now;
                case "failed" -> {
                    failures += 1; // PyFarm: Task.failures increments on entering failed
                    finished = now;
                    failedOnAgent = agent;
                }
                case "queued" -> {
                    started = null; // PyFarm: reset_finished_time when a task returns to the queue
                    finished = null;
                }
                default -> {
                }
            }
        }
        if (state.equals("done")) {
            progress = 1.0; // PyFarm: set_progress_on_success
            lastError = null; // PyFarm: clear_error_state
        }
        if (entering && state.equals("failed") && (requeue == -1 || failures <= requeue)) {
            // PyFarm: reset_agent_if_failed_and_retry; the task goes back to the queue for another agent
            state = "queued";
            agent = null;
        }
        boolean hidden = change.hidden().orElse(old.hidden());
        return new Outcome(new TaskValues(state, attempts, failures, progress, agent, lastError, hidden, started, finished),
                failedOnAgent);
    }
}
