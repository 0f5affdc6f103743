package dev.furrow.agent.jobtype.sandbox;

import dev.furrow.agent.jobtype.JsSandbox;
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
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link JsSandbox} on GraalJS. Loaded through {@code ScriptEngines}' class loader, which alone sees the GraalJS
 * jars (they are not in the agent's jar, to keep an idle agent small).
 *
 * One script job type's JavaScript in a GraalJS context that can reach nothing outside itself: no host classes or
 * objects, no files, no network, no threads, no processes, no environment. Values cross the boundary only as
 * JSON text. Every call is bounded in time: a watchdog closes the context when a call overruns, which stops it
 * (the sandbox is then unusable). Not thread-safe; callers serialize.
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
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "script-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private static Engine engine;

    private final String name;
    private final Duration timeout;
    private final Context context;
    private final Value caller;
    private volatile boolean timedOut;

    public GraalSandbox(String name, String code, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
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
        // Our own trivial code first, outside the time bound: it pays for starting the JavaScript realm (a second
        // or more in a cold agent), which must not count against the script.
        context.eval("js", "0");
        try {
            timed("loading the script", () -> context.eval(Source.newBuilder("js", code, name + ".js").buildLiteral()));
            this.caller = timed("loading the script", () -> context.eval("js", CALLER));
        } catch (TaskHooks.HookFailed e) {
            context.close(true);
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

    private <T> T timed(String what, java.util.function.Supplier<T> action) {
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut = true;
            context.close(true);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return action.get();
        } catch (PolyglotException e) {
            if (timedOut || e.isCancelled()) {
                throw new TaskHooks.HookFailed("job type '%s': %s ran longer than %s s and was stopped"
                        .formatted(name, what, timeout.toMillis() / 1000.0));
            }
            throw new TaskHooks.HookFailed("job type '%s': %s failed: %s".formatted(name, what, e.getMessage()));
        } catch (IllegalStateException e) {
            throw new TaskHooks.HookFailed("job type '%s': %s cannot run, its sandbox was stopped earlier%s"
                    .formatted(name, what, timedOut ? " (a hook ran out of time)" : ""));
        } finally {
            watchdog.cancel(false);
        }
    }

    @Override
    public void close() {
        context.close(true);
    }
}
