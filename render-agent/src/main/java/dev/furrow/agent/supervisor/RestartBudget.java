package dev.furrow.agent.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How often a crashing agent is restarted: at most {@code maxRestarts} crashes within {@code window}, each restart
 * after a doubling delay (1 s, 2 s, 4 s ... at most 60 s) counted over the crashes still in the window.
 */
final class RestartBudget {

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private final int maxRestarts;
    private final Duration window;
    private final Deque<Instant> crashes = new ArrayDeque<>();

    RestartBudget(int maxRestarts, Duration window) {
        this.maxRestarts = maxRestarts;
        this.window = window;
    }

    /** Records a crash at {@code now}; returns the delay before the next start, or empty when the budget is spent. */
    java.util.Optional<Duration> crashed(Instant now) {
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(window))) {
            crashes.removeFirst();
        }
        if (crashes.size() > maxRestarts) {
            return java.util.Optional.empty();
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(crashes.size() - 1, 10));
        return java.util.Optional.of(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    /** Forgets the crashes so far (they were another version's). */
    void forget() {
        crashes.clear();
    }

    int crashesInWindow() {
        return crashes.size();
    }
}
