package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;

import java.io.File;
import java.nio.file.Files;

/** --chdir (agent_chdir): the working directory a background or supervised agent is started in. */
final class Chdir {

    private Chdir() {
    }

    /** The directory to start the agent process in; null = this process's own. */
    static File directory(AgentConfig config) {
        if (config.chdir() == null) {
            return null;
        }
        if (!Files.isDirectory(config.chdir())) {
            throw new IllegalArgumentException("--chdir " + config.chdir() + " (agent_chdir) is not a directory; "
                    + "create it or pick another");
        }
        return config.chdir().toAbsolutePath().toFile();
    }
}
