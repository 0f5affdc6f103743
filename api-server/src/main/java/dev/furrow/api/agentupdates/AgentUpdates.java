package dev.furrow.api.agentupdates;

import dev.furrow.api.ApiConfig;
import dev.furrow.api.http.ApiException;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

/**
 * The agent update packages (PyFarm's agent_updates_dir): one zip per version, stored as {@code {version}.zip}
 * under {@code furrow.agent-updates-dir}.
 */
@Singleton
public final class AgentUpdates {

    /** A version is a file name: letters, digits, '.', '_', '+', '-', starting with a letter or digit, no "..". */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final Path directory;

    public AgentUpdates(ApiConfig config) {
        this.directory = Path.of(config.agentUpdatesDir());
    }

    /** Stores (or replaces) the package of {@code version}; the file appears whole or not at all. */
    public void store(String version, byte[] zip) {
        Path target = file(version);
        checkZip(zip);
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "." + version, ".partial");
            try {
                Files.write(partial, zip);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the agent update " + target + ": " + e.getMessage(), e);
        }
    }

    public Optional<Path> find(String version) {
        Path file = file(version);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private Path file(String version) {
        if (!VERSION.matcher(version).matches() || version.contains("..")) {
            throw ApiException.badRequest("'" + version + "' is not a valid version: use 1 to 64 letters, digits, "
                    + "'.', '_', '+' or '-', starting with a letter or digit, without '..'");
        }
        return directory.resolve(version + ".zip");
    }

    /** The end-of-central-directory record (22 bytes plus a comment of at most 65535) closes every whole zip. */
    private static boolean endsWithCentralDirectory(byte[] body) {
        int earliest = Math.max(0, body.length - 22 - 0xFFFF);
        for (int i = body.length - 22; i >= earliest; i--) {
            if (body[i] == 'P' && body[i + 1] == 'K' && body[i + 2] == 5 && body[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    /** A zip starts with a local file header (or, when empty, the end-of-directory record) and reads to its end. */
    private static void checkZip(byte[] body) {
        boolean header = body != null && body.length >= 4 && body[0] == 'P' && body[1] == 'K'
                && ((body[2] == 3 && body[3] == 4) || (body[2] == 5 && body[3] == 6));
        if (!header || !endsWithCentralDirectory(body)) {
            throw ApiException.badRequest("the body must be a whole zip file (the agent update package)");
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            while (zip.getNextEntry() != null) {
                zip.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not a readable zip file: " + e.getMessage());
        }
    }
}
