package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.furrow.agent.process.PathMap;
import dev.furrow.messages.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The optional hooks of a script job type for one task, each called in its sandbox:
 * {@code beforeStart(task)} / {@code afterStart(task, pid)} (may return lines for the task log),
 * {@code processLine(line, stream, task)} (returns nothing, a replacement line, or {@code {line, progress}}),
 * {@code succeeded(exitCode, task)} (true/false) and {@code mapPath(path, pathMaps, task)} (the mapped path).
 * The first failure of any hook is kept ({@link #failure()}); after a failing {@code processLine} the lines pass
 * through untouched while the process is being stopped.
 */
final class ScriptHooks implements TaskHooks {

    private final JsSandbox sandbox;
    private final ObjectNode task;
    private final boolean processesLines;
    private final boolean mapsPaths;
    private String failure;

    ScriptHooks(JsSandbox sandbox, ObjectNode task) {
        this.sandbox = sandbox;
        this.task = task;
        this.processesLines = sandbox.defines("processLine");
        this.mapsPaths = sandbox.defines("mapPath");
    }

    @Override
    public synchronized List<String> beforeStart() {
        return lines(remember(() -> ScriptJobType.parse(sandbox.call("beforeStart", ScriptJobType.args(task)))));
    }

    @Override
    public synchronized List<String> afterStart(long pid) {
        return lines(remember(() -> ScriptJobType.parse(sandbox.call("afterStart", ScriptJobType.args(task, LongNode.valueOf(pid))))));
    }

    @Override
    public synchronized ProcessedLine onLine(int stream, String line) {
        if (!processesLines || failure != null) {
            return new ProcessedLine(line, OptionalDouble.empty());
        }
        JsonNode result = remember(() -> ScriptJobType.parse(sandbox.call("processLine",
                ScriptJobType.args(TextNode.valueOf(line), IntNode.valueOf(stream), task))));
        if (result == null || result.isNull()) {
            return new ProcessedLine(line, OptionalDouble.empty());
        }
        if (result.isTextual()) {
            return new ProcessedLine(result.asText(), OptionalDouble.empty());
        }
        String text = result.hasNonNull("line") ? result.get("line").asText() : line;
        JsonNode progress = result.get("progress");
        return new ProcessedLine(text, progress != null && progress.isNumber()
                ? OptionalDouble.of(progress.asDouble()) : OptionalDouble.empty());
    }

    @Override
    public synchronized Optional<Boolean> succeeded(int exitCode) {
        JsonNode result = remember(() -> ScriptJobType.parse(sandbox.call("succeeded",
                ScriptJobType.args(IntNode.valueOf(exitCode), task))));
        if (result == null || result.isNull()) {
            return Optional.empty();
        }
        if (!result.isBoolean()) {
            throw new HookFailed("job type '" + task.get("jobtype").asText() + "': succeeded(exitCode) must return "
                    + "true or false, got " + result);
        }
        return Optional.of(result.asBoolean());
    }

    @Override
    public synchronized Optional<String> mapPath(String value, List<PathMap> pathMaps) {
        if (!mapsPaths) {
            return Optional.empty();
        }
        JsonNode result = remember(() -> ScriptJobType.parse(sandbox.call("mapPath", ScriptJobType.args(
                TextNode.valueOf(value), Json.mapper().valueToTree(pathMaps), task))));
        return result == null || result.isNull() ? Optional.empty() : Optional.of(result.asText());
    }

    @Override
    public synchronized Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        sandbox.close();
    }

    private JsonNode remember(java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (HookFailed e) {
            if (failure == null) {
                failure = e.getMessage();
            }
            throw e;
        }
    }

    private static List<String> lines(JsonNode result) {
        List<String> lines = new ArrayList<>();
        if (result == null || result.isNull()) {
            return lines;
        }
        if (result.isArray()) {
            result.forEach(line -> lines.add(line.asText()));
        } else {
            lines.add(result.asText());
        }
        return lines;
    }
}
