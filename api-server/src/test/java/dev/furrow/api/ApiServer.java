package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real api-server on a random port, against a fresh database on the local MariaDB and a private namespace
 * on the local broker. One per test class: register it as a static {@code @RegisterExtension} field; it starts
 * before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods.
 */
public final class ApiServer implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> extraProperties;
    private final boolean listensToJobEvents;
    private final HttpClient http = HttpClient.newHttpClient();
    private TestDatabase database;
    private EmbeddedServer server;
    private JobEventQueue jobEvents;

    private ApiServer(Map<String, Object> extraProperties, boolean listensToJobEvents) {
        this.extraProperties = Map.copyOf(extraProperties);
        this.listensToJobEvents = listensToJobEvents;
    }

    public static ApiServer perTestClass() {
        return new ApiServer(Map.of(), false);
    }

    /** {@code properties} override the server's configuration, e.g. "furrow.farm-name" → "studio". */
    public static ApiServer perTestClass(Map<String, Object> properties) {
        return new ApiServer(properties, false);
    }

    /** The same server, plus a {@link #jobEvents() queue} that receives every job event it publishes. */
    public ApiServer listeningToJobEvents() {
        return new ApiServer(extraProperties, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabase.create();
        String amqpUrl = TestBroker.url();
        String namespace = TestBroker.freshNamespace();
        Path tasklogs = Files.createTempDirectory("furrow-tasklogs");
        Map<String, Object> properties = new HashMap<>(Map.of(
                "furrow.db-url", database.url(),
                "furrow.db-user", database.user(),
                "furrow.db-password", database.password(),
                "furrow.amqp-url", amqpUrl,
                "furrow.amqp-namespace", namespace,
                "furrow.tasklogs-dir", tasklogs.toString(),
                "furrow.api-port", -1));
        properties.putAll(extraProperties);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        if (listensToJobEvents) {
            jobEvents = new JobEventQueue(amqpUrl, namespace);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (jobEvents != null) {
            jobEvents.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (database != null) {
            database.close();
        }
    }

    public TestDatabase database() {
        return running(database);
    }

    /** What a scheduler-worker would receive; only with {@link #listeningToJobEvents()}. */
    JobEventQueue jobEvents() {
        if (!listensToJobEvents) {
            throw new IllegalStateException("register the server with ApiServer.perTestClass().listeningToJobEvents()");
        }
        return running(jobEvents);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + running(server).getPort() + path);
    }

    public <T> T bean(Class<T> type) {
        return running(server).getApplicationContext().getBean(type);
    }

    private static <T> T running(T part) {
        if (part == null) {
            throw new IllegalStateException("the api-server starts before the test class's @BeforeAll methods; "
                    + "register it with @RegisterExtension static final ApiServer api = ApiServer.perTestClass()");
        }
        return part;
    }

    /** An HTTP answer with its status, body text and headers; {@link #json()} parses the body. */
    public record Reply(int status, String body, String contentType, java.net.http.HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

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
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
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
}
