package dev.furrow.agent.update;

import dev.furrow.agent.master.MasterApi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * PyFarm's agent self-update: downloads {@code <master-api>/agents/updates/<version>} (a zip holding
 * {@code furrow-render-agent.jar}), checks that the jar opens and names a main class, and stages it for the
 * supervisor ({@link StagedUpdate}).
 */
public final class AgentUpdates {

    private static final Pattern SAFE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final Optional<MasterApi> master;
    private final Path updatesDir;

    public AgentUpdates(Optional<MasterApi> master, Path updatesDir) {
        this.master = master;
        this.updatesDir = updatesDir;
    }

    /** Downloads, verifies and stages {@code version}; throws {@link UpdateFailed} saying why not
     * ({@link IllegalArgumentException} for a version name that is not plain). */
    public StagedUpdate stage(String version) throws InterruptedException {
        if (version == null || !SAFE_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("'version' must be a plain version name like 0.2.0 (letters, digits, . _ + -), got '"
                    + version + "'");
        }
        MasterApi api = master.orElseThrow(() -> new UpdateFailed("the agent has no --master-api to download updates from"));
        URI uri = api.uri("/agents/updates/" + MasterApi.segment(version));
        try {
            Files.createDirectories(updatesDir);
            Path zip = Files.createTempFile(updatesDir, "download-", ".zip.part");
            try {
                download(api, uri, zip);
                Path jar = Files.createTempFile(updatesDir, "agent-", ".jar.part");
                try {
                    extractJar(zip, jar, uri);
                    verify(jar, uri);
                    Files.deleteIfExists(updatesDir.resolve(StagedUpdate.VERSION_FILE));
                    Files.move(jar, updatesDir.resolve(StagedUpdate.JAR_NAME), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    Files.writeString(updatesDir.resolve(StagedUpdate.VERSION_FILE), version + "\n");
                } finally {
                    Files.deleteIfExists(jar);
                }
            } finally {
                Files.deleteIfExists(zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the update in " + updatesDir + " (" + e.getMessage()
                    + "); fix agent_updates_dir (--updates-dir)", e);
        }
        return StagedUpdate.in(updatesDir).orElseThrow();
    }

    private static void download(MasterApi api, URI uri, Path zip) throws InterruptedException, IOException {
        HttpResponse<Path> response;
        try {
            response = api.send(HttpRequest.newBuilder(uri).GET(), DOWNLOAD_TIMEOUT, HttpResponse.BodyHandlers.ofFile(zip));
        } catch (IOException e) {
            throw new UpdateFailed("cannot download " + uri + ": " + e);
        }
        if (response.statusCode() == 404) {
            throw new UpdateFailed("the master has no such agent version (" + uri + " answered 404)");
        }
        if (response.statusCode() != 200) {
            throw new UpdateFailed(uri + " answered " + response.statusCode());
        }
    }

    private static void extractJar(Path zip, Path jar, URI uri) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry found = file.stream()
                    .filter(entry -> !entry.isDirectory() && (entry.getName().equals(StagedUpdate.JAR_NAME)
                            || entry.getName().endsWith("/" + StagedUpdate.JAR_NAME)))
                    .findFirst()
                    .orElseThrow(() -> new UpdateFailed("the zip from " + uri + " holds no " + StagedUpdate.JAR_NAME));
            try (InputStream in = file.getInputStream(found)) {
                Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (ZipException e) {
            throw new UpdateFailed(uri + " did not send a zip file: " + e.getMessage());
        }
    }

    private static void verify(Path jar, URI uri) {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            var manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Main-Class") == null) {
                throw new UpdateFailed("the " + StagedUpdate.JAR_NAME + " from " + uri + " has no Main-Class in its manifest");
            }
            var entries = file.entries();
            byte[] buffer = new byte[8192];
            while (entries.hasMoreElements()) {
                try (InputStream entry = file.getInputStream(entries.nextElement())) {
                    while (entry.read(buffer) >= 0) {
                        // reading every entry checks its CRC
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            throw new UpdateFailed("the " + StagedUpdate.JAR_NAME + " from " + uri + " is not a readable jar: " + e.getMessage());
        }
    }

    /** The update cannot be applied; the message says why (the API answers it with 400/502). */
    public static final class UpdateFailed extends RuntimeException {
        public UpdateFailed(String message) {
            super(message);
        }
    }
}
