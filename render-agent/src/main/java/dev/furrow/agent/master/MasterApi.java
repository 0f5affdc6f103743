package dev.furrow.agent.master;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.furrow.messages.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The master's REST API as the agent uses it (--master-api): job type versions, discovery code, agent updates,
 * registration, software reports and path maps. The agent's work and reports go over the broker; this is for what
 * only the master's database knows.
 */
public final class MasterApi {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final String base;

    private MasterApi(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    /** The API at {@code url} (e.g. http://master:8080/api/v1); empty when the agent has no --master-api. */
    public static Optional<MasterApi> at(String url) {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(new MasterApi(url));
    }

    /** {@code path} (starting with /) under the API. */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** A value as one path segment: encoded, spaces as %20. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** No Accept header: the master answers JSON, or text for discovery code, as each route produces. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any other request (e.g. a download to a file); {@code timeout} bounds the whole exchange. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, Duration timeout, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return HTTP.send(request.timeout(timeout).build(), body);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return send(request, TIMEOUT, body);
    }

    private static String json(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    @Override
    public String toString() {
        return base;
    }
}
