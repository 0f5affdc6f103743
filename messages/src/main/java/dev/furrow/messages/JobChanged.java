package dev.furrow.messages;

import java.time.Instant;
import java.util.List;

/**
 * A user changed a job through the API; published after the change committed so the scheduler can react
 * (dispatch new work, stop tasks). {@code taskIds} names the tasks concerned where the change is about tasks.
 */
public record JobChanged(long jobId, Change change, List<Long> taskIds, Instant at) implements FarmMessage {

    /** What happened to the job. */
    public enum Change {
        SUBMITTED, UPDATED, PAUSED, UNPAUSED, RERUN, DELETED, TASKS_CANCELLED;

        public String routingKey() {
            return "job." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public String routingKey() {
        return change.routingKey();
    }
}
