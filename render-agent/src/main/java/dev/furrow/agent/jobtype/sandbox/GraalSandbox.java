package dev.furrow.agent.jobtype.sandbox;

import dev.furrow.agent.jobtype.JsSandbox;
import dev.furrow.agent.jobtype.ScriptLimits;
import dev.furrow.agent.jobtype.TaskHooks;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import java.io.OutputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link JsSandbox} on GraalJS. Loaded through {@code ScriptEngines}' class loader, which alone sees the GraalJS
 * jars (they are not in the agent's jar, to keep an idle agent small).
 *
 * One script job type's JavaScript in a GraalJS context that can reach nothing outside itself: no host classes or
 * objects, no files, no network, no threads, no processes, no environment. Values cross the boundary only as
 * JSON text. Every call is bounded in time and in what it allocates ({@link ScriptLimits}): a watchdog looks at
 * the call every few milliseconds and closes the context when it overruns either, which stops it (the sandbox is
 * then unusable). GraalJS community has no heap limit per context (that is Oracle GraalVM's sandbox.MaxHeapMemory),
 * so memory a script keeps between calls is bounded by {@link HeapGuard}. Not thread-safe; callers serialize.
 */
public final class GraalSandbox implements JsSandbox {

    /** Calls a global function by name with JSON arguments; answers JSON, or the marker when it is not defined. */
    private static final String CALLER = """
            (function (name, argsJson) {
              const hook = globalThis[name];
              if (typeof hook !== 'function') { return '\\u0000undefined'; }
              const result = hook.apply(null, JSON.parse(argsJson));
              return result === undefined ? 'null' : JSON.stringify(result);
            })""";
    private static final String UNDEFINED = "\u0000undefined";
    private static final long CHECK_MILLIS = 5;
    /** Checks running calls and stops sandboxes; cancelled checks leave its queue at once (one per hook call). */
    static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "script-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }
    private static Engine engine;

    private final String name;
    private final ScriptLimits limits;
    private final Context context;
    private final Value caller;
    private volatile String stoppedBecause;

    public GraalSandbox(String name, String code, ScriptLimits limits) {
        this.name = name;
        this.limits = limits;
        this.context = Context.newBuilder("js")
                .engine(engine())
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        // Our own trivial code first, outside the bounds: it pays for starting the JavaScript realm (a second or
        // more in a cold agent), which must not count against the script.
        context.eval("js", "0");
        HeapGuard.watch(this);
        try {
            timed("loading the script", () -> context.eval(Source.newBuilder("js", code, name + ".js").buildLiteral()));
            this.caller = timed("loading the script", () -> context.eval("js", CALLER));
        } catch (TaskHooks.HookFailed e) {
            close();
            throw e;
        }
    }

    private static synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        }
        return engine;
    }

    @Override
    public boolean defines(String hook) {
        Value value = timed("looking up " + hook + "()", () -> context.getBindings("js").getMember(hook));
        return value != null && value.canExecute();
    }

    @Override
    public String call(String hook, String argsJson) {
        String result = timed("hook " + hook + "()", () -> caller.execute(hook, argsJson).asString());
        return UNDEFINED.equals(result) ? null : result;
    }

    private <T> T timed(String what, Supplier<T> action) {
        CallWatch watch = new CallWatch(Thread.currentThread(), limits);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(
                () -> watch.overrun().ifPresent(this::stop), CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return action.get();
        } catch (PolyglotException e) {
            if (stoppedBecause != null) {
                throw failed(what, stoppedBecause);
            }
            if (e.isResourceExhausted()) {
                throw failed(what, "ran out of memory and was stopped");
            }
            throw failed(what, "failed: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw failed(what, "cannot run: the sandbox was stopped earlier, when a hook "
                    + (stoppedBecause == null ? "failed" : stoppedBecause));
        } finally {
            watchdog.cancel(false);
        }
    }

    private TaskHooks.HookFailed failed(String what, String how) {
        return new TaskHooks.HookFailed("job type '%s': %s %s".formatted(name, what, how));
    }

    /** Closes the context, stopping what runs in it; {@code reason} ends up in the task's last error. */
    void stop(String reason) {
        if (stoppedBecause == null) {
            stoppedBecause = reason;
        }
        context.close(true);
    }

    @Override
    public void close() {
        HeapGuard.forget(this);
        context.close(true);
    }
}
