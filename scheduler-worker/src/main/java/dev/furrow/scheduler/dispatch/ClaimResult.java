package dev.furrow.scheduler.dispatch;

import dev.furrow.messages.AssignTasks;

import java.util.UUID;

/** The outcome of one claim attempt for one agent. */
sealed interface ClaimResult {

    /** Tasks were claimed (committed) and must now be sent to the agent. */
    record Claimed(UUID agentId, AssignTasks assignment) implements ClaimResult {
    }

    /** The agent is unknown, offline or disabled. */
    record AgentUnavailable() implements ClaimResult {
    }

    /** The agent has no room for another assignment. */
    record AgentFull() implements ClaimResult {
    }

    /** No job has queued tasks that could run at all: no point asking for other agents either. */
    record NothingRunnable() implements ClaimResult {
    }

    /** Runnable jobs exist, but none fits this agent (resources, or it failed their tasks). */
    record NothingFits() implements ClaimResult {
    }
}
