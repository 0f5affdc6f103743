package dev.furrow.bench.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Minimal JSON client of the api-server under /api/v1/. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    /** A response's status, body and headers. */
    public record Answer(int status, String body, HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the api-server answered something that is not JSON: " + body, e);
            }
        }
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120)).GET().build());
    }

    /** Submits a "command" job of frames 1..frames (running `true`) and returns its id; fails unless 201. */
    public long submitCommandJob(String title, int frames) {
        Answer answer = post("jobs/", commandJob(title, frames));
        if (answer.status() != 201) {
            throw new IllegalStateException("POST /api/v1/jobs/ answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().get("id").asLong();
    }

    public static String commandJob(String title, int frames) {
        return "{\"title\":\"" + title + "\",\"jobtype\":\"command\",\"start\":1,\"end\":" + frames
                + ",\"data\":{\"command\":[\"true\"]}}";
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
