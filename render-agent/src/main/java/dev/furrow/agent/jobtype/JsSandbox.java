package dev.furrow.agent.jobtype;

/**
 * One script job type's JavaScript, loaded in a sandbox that reaches nothing outside itself; values cross only as
 * JSON text. Calls throw {@link TaskHooks.HookFailed} when a hook throws, is refused something or goes over its
 * {@link ScriptLimits} (time, memory). Not thread-safe; callers serialize.
 */
public interface JsSandbox extends AutoCloseable {

    /** Whether the script defines a global function {@code hook}. */
    boolean defines(String hook);

    /** Calls {@code hook(...args)} ({@code argsJson} a JSON array); returns its result as JSON, or null if undefined. */
    String call(String hook, String argsJson);

    @Override
    void close();
}
