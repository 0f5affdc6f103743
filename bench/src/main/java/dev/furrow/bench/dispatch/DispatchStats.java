package dev.furrow.bench.dispatch;

import dev.furrow.bench.report.Samples;

import java.util.concurrent.atomic.AtomicLong;

/** What the simulated agents observed: work-request-to-assignment delays and tasks reported done. */
final class DispatchStats {

    private volatile boolean running = true;
    private volatile Samples delays = new Samples();
    private final AtomicLong tasksDone = new AtomicLong();

    boolean running() {
        return running;
    }

    void stop() {
        running = false;
    }

    void assignmentReceived(long delayNanos) {
        delays.add(delayNanos);
    }

    void tasksReportedDone(int count) {
        tasksDone.addAndGet(count);
    }

    long tasksDone() {
        return tasksDone.get();
    }

    /** Starts a fresh measurement window and returns the delays of the window before it (the warm-up). */
    Samples restartDelays() {
        Samples previous = delays;
        delays = new Samples();
        return previous;
    }

    Samples delays() {
        return delays;
    }
}
