package dev.furrow.agent.jobtype.sandbox;

import dev.furrow.agent.jobtype.ScriptLimits;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * One hook call under watch: when it started and how much its thread had allocated by then, against the call's
 * {@link ScriptLimits}. Allocation is counted by the JVM per thread (HotSpot's thread allocated bytes); where the
 * JVM cannot count it, only time is bounded.
 */
final class CallWatch {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long threadId;
    private final ScriptLimits limits;
    private final long startNanos = System.nanoTime();
    private final long startBytes;

    CallWatch(Thread thread, ScriptLimits limits) {
        this.threadId = thread.getId();
        this.limits = limits;
        this.startBytes = allocated();
    }

    /** Why the call must be stopped now, if it must. */
    Optional<String> overrun() {
        if (System.nanoTime() - startNanos > limits.timeout().toNanos()) {
            return Optional.of("ran longer than %s s and was stopped".formatted(limits.timeout().toMillis() / 1000.0));
        }
        if (startBytes >= 0 && allocated() - startBytes > limits.memoryBytes()) {
            return Optional.of("allocated more than %d MB and was stopped".formatted(limits.memoryBytes() / (1024 * 1024)));
        }
        return Optional.empty();
    }

    /** Bytes the thread allocated so far; -1 when the JVM does not count them. */
    private long allocated() {
        return THREADS == null ? -1 : THREADS.getThreadAllocatedBytes(threadId);
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            threads.setThreadAllocatedMemoryEnabled(true);
            return threads;
        }
        return null;
    }
}
