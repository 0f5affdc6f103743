package dev.furrow.agent.jobtype;

import dev.furrow.agent.process.PathMap;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a job type does around one task's process besides building its command: before/after start, each output
 * line (rewrite it, read progress from it) and the success decision. Built-in and declarative job types need none
 * of it ({@link #NONE}); script job types run their hooks here. Closed when the task is over.
 */
public interface TaskHooks extends AutoCloseable {

    TaskHooks NONE = new TaskHooks() {
    };

    /** One output line after the job type saw it: the text to log and the progress it tells, if any. */
    record ProcessedLine(String text, OptionalDouble progress) {
    }

    /** Lines for the task log, before the process starts; throwing {@link HookFailed} fails the task. */
    default List<String> beforeStart() {
        return List.of();
    }

    /** Lines for the task log, once the process runs as {@code pid}. */
    default List<String> afterStart(long pid) {
        return List.of();
    }

    /**
     * Sees every line the process prints ({@code stream} 0 stdout, 1 stderr); throwing {@link HookFailed} stops the
     * process and fails the task.
     */
    default ProcessedLine onLine(int stream, String line) {
        return new ProcessedLine(line, OptionalDouble.empty());
    }

    /** The job type's own mapping of a path-like argument; empty = the path maps apply. */
    default Optional<String> mapPath(String value, List<PathMap> pathMaps) {
        return Optional.empty();
    }

    /** The job type's own verdict on the exit code; empty = the success codes decide. */
    default Optional<Boolean> succeeded(int exitCode) {
        return Optional.empty();
    }

    /** The first hook failure while the process ran (a failing line hook also stopped the process). */
    default Optional<String> failure() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }

    /** A hook threw, was refused something by its sandbox, or ran out of time; the message says which. */
    final class HookFailed extends RuntimeException {
        public HookFailed(String message) {
            super(message);
        }
    }
}
