package dev.furrow.agent.jobtype;

import java.time.Duration;

/**
 * What one hook call of a script job type may use: {@code timeout} of wall-clock time (--jobtype-script-timeout)
 * and {@code memoryBytes} of allocations on its thread (--jobtype-script-memory). A call over either is stopped.
 */
public record ScriptLimits(Duration timeout, long memoryBytes) {
}
