package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real api-server on a random port, against a fresh database on the local MariaDB and a private namespace
 * on the local broker. One per test class.
 */
public final class ApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final TestDatabase database;
    public final String amqpUrl;
    public final String namespace;
    public final Path tasklogs;
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private ApiServer(Map<String, Object> extra) {
        database = TestDatabase.create();
        amqpUrl = TestBroker.url();
        namespace = TestBroker.freshNamespace();
        try {
            tasklogs = Files.createTempDirectory("furrow-tasklogs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "furrow.db-url", database.url(),
                "furrow.db-user", database.user(),
                "furrow.db-password", database.password(),
                "furrow.amqp-url", amqpUrl,
                "furrow.amqp-namespace", namespace,
                "furrow.tasklogs-dir", tasklogs.toString(),
                "furrow.api-port", -1));
        properties.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    public static ApiServer start() {
        return new ApiServer(Map.of());
    }

    public static ApiServer start(Map<String, Object> properties) {
        return new ApiServer(properties);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    /** An HTTP answer with its status and body text; {@link #json()} parses the body. */
    public record Reply(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
        database.close();
    }
}
