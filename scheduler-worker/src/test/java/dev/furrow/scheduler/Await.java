package dev.furrow.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a condition holds; the worker applies messages asynchronously. */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(15);

    private Await() {
    }

    public static <T> T until(String what, Callable<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(DEFAULT);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.call();
            } catch (Exception e) {
                throw new AssertionError("probing " + what + " failed", e);
            }
            if (done.test(last)) {
                return last;
            }
            sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; last value: " + last);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
