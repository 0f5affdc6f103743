package dev.furrow.api.jobs;

import java.util.Map;

/**
 * A job's state from its tasks' states (PyFarm's job roll-up): done when every task is done; failed when every
 * task is done or failed and at least one failed for good; running once any task ran while others remain;
 * otherwise queued. A paused job stays paused until it is unpaused.
 */
public final class JobStateRollup {

    private JobStateRollup() {
    }

    /** @param taskCounts number of tasks per state name */
    public static String of(String currentState, Map<String, Long> taskCounts) {
        if ("paused".equals(currentState)) {
            return currentState;
        }
        long total = taskCounts.values().stream().mapToLong(Long::longValue).sum();
        long done = taskCounts.getOrDefault("done", 0L);
        long failed = taskCounts.getOrDefault("failed", 0L);
        long running = taskCounts.getOrDefault("running", 0L);
        if (total == 0) {
            return currentState;
        }
        if (done == total) {
            return "done";
        }
        if (done + failed == total) {
            return "failed";
        }
        if (running > 0 || done + failed > 0) {
            return "running";
        }
        return "queued";
    }
}
