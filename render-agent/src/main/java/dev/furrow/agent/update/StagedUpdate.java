package dev.furrow.agent.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An agent jar waiting in the updates directory for the supervisor: {@code furrow-render-agent.jar} next to a
 * {@code version} file. The version file is written last, so its presence means the jar is complete.
 */
public record StagedUpdate(Path jar, String version) {

    public static final String JAR_NAME = "furrow-render-agent.jar";
    static final String VERSION_FILE = "version";

    /** The update staged in {@code updatesDir}, if any. */
    public static Optional<StagedUpdate> in(Path updatesDir) {
        Path versionFile = updatesDir.resolve(VERSION_FILE);
        Path jar = updatesDir.resolve(JAR_NAME);
        if (!Files.isRegularFile(versionFile) || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StagedUpdate(jar, Files.readString(versionFile).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged update in " + updatesDir + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the update once it has been applied. */
    public void discard() {
        try {
            Files.deleteIfExists(jar.resolveSibling(VERSION_FILE));
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the applied update from " + jar.getParent()
                    + " (" + e.getMessage() + "); remove it by hand or it will be applied again", e);
        }
    }
}
