package dev.furrow.scheduler.dispatch;

import java.util.Collection;

/**
 * How many more tasks of one job fit under its limits: each task holds {@code amount} of every limit the job
 * (or its job type version) declares, and no limit may hold more than its capacity.
 */
final class LimitFit {

    private LimitFit() {
    }

    /** One limit as a claim sees it: its capacity, what assigned unfinished tasks hold now, what one task needs. */
    record Held(long limitId, int capacity, int inUse, int amountPerTask) {
    }

    /** The most tasks that fit under every limit, at most {@code wanted}; 0 when any limit is full. */
    static int tasksThatFit(Collection<Held> limits, int wanted) {
        int fit = wanted;
        for (Held limit : limits) {
            if (limit.amountPerTask() <= 0) {
                continue;
            }
            int free = Math.max(0, limit.capacity() - limit.inUse());
            fit = Math.min(fit, free / limit.amountPerTask());
        }
        return fit;
    }
}
