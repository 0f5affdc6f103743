package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.master.MasterApi;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Job type versions fetched from the master's REST API and cached on disk as
 * {@code <jobtype_cache_directory>/<name>/<version>.json} (a version never changes once created). With
 * {@code --jobtype-no-cache} every assignment fetches again and nothing is written.
 */
public final class MasterJobTypes {

    private static final Logger LOG = LoggerFactory.getLogger(MasterJobTypes.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Optional<MasterApi> master;
    private final Path cacheDir;
    private final boolean useCache;

    public MasterJobTypes(Optional<MasterApi> master, Path cacheDir, boolean useCache) {
        this.master = master;
        this.cacheDir = cacheDir;
        this.useCache = useCache;
    }

    /** The definition of {@code name} version {@code version}; throws {@link Unavailable} saying why not. */
    public JobTypeDefinition definition(String name, int version) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new Unavailable("job type name '" + name + "' is not a plain name (letters, digits, _ . -)");
        }
        Path cached = cacheDir.resolve(name).resolve(version + ".json");
        if (useCache && Files.isRegularFile(cached)) {
            try {
                return parse(name, version, Files.readString(cached), cached.toString());
            } catch (IOException | Unavailable e) {
                LOG.warn("ignoring the unreadable cached job type {}: {}", cached, e.getMessage());
            }
        }
        String body = fetch(name, version);
        JobTypeDefinition definition = parse(name, version, body, "the master");
        if (useCache) {
            store(cached, body);
        }
        return definition;
    }

    private String fetch(String name, int version) {
        MasterApi api = master.orElseThrow(() -> new Unavailable("no --master-api to fetch it from"));
        String path = "/jobtypes/" + MasterApi.segment(name) + "/versions/" + version;
        URI uri = api.uri(path);
        try {
            HttpResponse<String> response = api.get(path);
            if (response.statusCode() == 404) {
                throw new Unavailable("the master has no version " + version + " of it (" + uri + " answered 404)");
            }
            if (response.statusCode() != 200) {
                throw new Unavailable(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new Unavailable("cannot fetch version " + version + " from " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while fetching " + uri);
        }
    }

    private static JobTypeDefinition parse(String name, int version, String body, String source) {
        JsonNode document;
        try {
            document = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new Unavailable(source + " sent a job type version that is not JSON: " + e.getMessage());
        }
        JsonNode classname = document.get("classname");
        JsonNode code = document.get("code");
        if (classname == null || !classname.isTextual() || code == null || code.isNull()) {
            throw new Unavailable(source + " sent a job type version without 'classname' and 'code'");
        }
        return new JobTypeDefinition(name, version, classname.asText(), code.isTextual() ? code.asText() : code.toString());
    }

    private static void store(Path file, String body) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            Files.writeString(temp, body);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the job type in " + file + " (" + e.getMessage()
                    + "); fix jobtype_cache_directory or pass --jobtype-no-cache", e);
        }
    }

    /** The job type cannot be had; the message says why (the assignment is rejected with it). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
