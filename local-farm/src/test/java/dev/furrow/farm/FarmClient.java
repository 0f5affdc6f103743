package dev.furrow.farm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The farm's REST API (PyFarm's /api/v1), as the end-to-end tests use it. */
final class FarmClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINISHED = Set.of("done", "failed");

    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FarmClient(URI api) {
        this.api = api;
    }

    /** Submits a job and returns its id. */
    long submit(Map<String, Object> job) {
        JsonNode created = send(HttpRequest.newBuilder(api.resolve("jobs/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(job))), 201);
        return created.path("id").asLong();
    }

    JsonNode job(long jobId) {
        return get("jobs/" + jobId, 200);
    }

    List<JsonNode> tasks(long jobId) {
        List<JsonNode> tasks = new ArrayList<>();
        get("jobs/" + jobId + "/tasks/", 200).forEach(tasks::add);
        return tasks;
    }

    JsonNode task(long jobId, long taskId) {
        return get("jobs/" + jobId + "/tasks/" + taskId, 200);
    }

    /** The logs registered for one attempt at a task. */
    List<JsonNode> logs(long jobId, long taskId, int attempt) {
        List<JsonNode> logs = new ArrayList<>();
        get(attemptPath(jobId, taskId, attempt) + "logs/", 200).forEach(logs::add);
        return logs;
    }

    String logfile(long jobId, long taskId, int attempt, String identifier) {
        URI uri = api.resolve(attemptPath(jobId, taskId, attempt) + "logs/"
                + URLEncoder.encode(identifier, StandardCharsets.UTF_8) + "/logfile");
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Polls the job until it is done or failed; fails with the job and its tasks if that takes too long. */
    JsonNode awaitFinished(long jobId, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        JsonNode job = job(jobId);
        while (!FINISHED.contains(job.path("state").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " did not finish within " + patience.toSeconds() + " s.\njob: "
                        + job + "\ntasks: " + tasks(jobId) + "\nThe components' output above shows what they were doing.");
            }
            sleep(Duration.ofMillis(500));
            job = job(jobId);
        }
        return job;
    }

    private static String attemptPath(long jobId, long taskId, int attempt) {
        return "jobs/" + jobId + "/tasks/" + taskId + "/attempts/" + attempt + "/";
    }

    private JsonNode get(String path, int expectedStatus) {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Accept", "application/json").GET(), expectedStatus);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(built.method() + " " + built.uri() + " answered " + response.statusCode()
                    + " instead of " + expectedStatus + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " did not answer JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the api-server at " + api + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the api-server", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a job", e);
        }
    }
}
