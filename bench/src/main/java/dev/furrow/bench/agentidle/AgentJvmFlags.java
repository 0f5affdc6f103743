package dev.furrow.bench.agentidle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The render agent's JVM flags as its build ships them: {@code render-agent/target/furrow-render-agent.jvm-options},
 * passed to java as an argument file, so a benchmark runs the agent exactly as installed (no copy of the flags here).
 */
public final class AgentJvmFlags {

    static final String FILE = "render-agent/target/furrow-render-agent.jvm-options";

    private AgentJvmFlags() {
    }

    /** {@code @<file>} for the java command line of an agent started from the checkout {@code root}. */
    public static List<String> of(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing; build the render agent first (make build)");
        }
        return List.of("@" + file);
    }
}
