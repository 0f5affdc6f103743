package dev.furrow.agent.testsupport;

import com.sun.net.httpserver.HttpServer;
import dev.furrow.messages.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The master's job type versions endpoint ({@code GET /api/v1/jobtypes/<name>/versions/<n>}), for tests. */
public final class JobTypeServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    public JobTypeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/jobtypes/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/api/v1/jobtypes/".length());
            requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            String document = documents.get(path);
            byte[] body = (document == null ? "{\"error\": \"no such job type version\"}" : document)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(document == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves {@code name} version {@code version} with this classname and code. */
    public void serve(String name, int version, String classname, String code) {
        try {
            documents.put(name + "/versions/" + version, Json.mapper().writeValueAsString(Map.of(
                    "name", name, "version", version, "classname", classname, "code", code)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int requestsFor(String name, int version) {
        AtomicInteger count = requests.get(name + "/versions/" + version);
        return count == null ? 0 : count.get();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
