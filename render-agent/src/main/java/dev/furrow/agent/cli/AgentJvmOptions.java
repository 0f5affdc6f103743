package dev.furrow.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags an agent process is started with: {@code furrow-render-agent.jvm-options} in the agent's jar, the one
 * place they are written down (the build also copies the file next to the jar for {@code java @file}).
 */
final class AgentJvmOptions {

    static final String RESOURCE = "/furrow-render-agent.jvm-options";

    private AgentJvmOptions() {
    }

    static List<String> load() {
        try (InputStream in = AgentJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the agent's jar; rebuild it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the agent's jar", e);
        }
    }

    /** java's argument-file syntax as far as the file uses it: flags separated by white space, # to the line's end is a comment. */
    static List<String> parse(String text) {
        List<String> flags = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String content = comment < 0 ? line : line.substring(0, comment);
            for (String flag : content.trim().split("\\s+")) {
                if (!flag.isEmpty()) {
                    flags.add(flag);
                }
            }
        }
        return List.copyOf(flags);
    }
}
