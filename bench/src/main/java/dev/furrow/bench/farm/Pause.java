package dev.furrow.bench.farm;

import java.time.Duration;

/** Sleeping that turns an interrupt into a stop of the benchmark. */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        }
    }
}
