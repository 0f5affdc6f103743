package dev.furrow.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The agent's UUID: given explicitly, or read from the id file, or generated once and written there. */
public final class AgentIdentity {

    private AgentIdentity() {
    }

    public static UUID resolve(AgentConfig config) {
        if (config.agentId() != null) {
            return config.agentId();
        }
        Path file = config.agentIdFile();
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                try {
                    return UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigLoader.InvalidConfig("the agent id file " + file + " does not hold a UUID ('" + text
                            + "'); delete it to get a new id or pass --agent-id");
                }
            }
            UUID id = UUID.randomUUID();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the agent id file " + file
                    + " (" + e.getMessage() + "); pass --agent-id-file with a writable path", e);
        }
    }
}
