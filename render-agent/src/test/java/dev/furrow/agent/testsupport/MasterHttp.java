package dev.furrow.agent.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for the master's REST API: serves fixed bodies to GETs by path (404 otherwise), answers other
 * requests 201 "{}" unless told otherwise, and records every request as "METHOD path[?query] body".
 */
public final class MasterHttp implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private record Answer(int status, byte[] body) {
    }

    public MasterHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/api/v1".length());
            String query = exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestMethod();
            calls.add(method + " " + path + (query == null ? "" : "?" + query) + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body;
            int status;
            Answer answer = answers.get(method + " " + path);
            if (answer != null) {
                status = answer.status();
                body = answer.body();
            } else if (!method.equals("GET")) {
                body = "{}".getBytes(StandardCharsets.UTF_8);
                status = 201;
            } else {
                body = bodies.get(path);
                status = body == null ? 404 : 200;
                body = body == null ? "{\"error\": \"not found\"}".getBytes(StandardCharsets.UTF_8) : body;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Answers GET {@code /api/v1<path>} with {@code body}. */
    public void serve(String path, byte[] body) {
        bodies.put(path, body);
    }

    /** Answers {@code method} requests to {@code /api/v1<path>} with {@code status} and {@code body}. */
    public void answer(String method, String path, int status, String body) {
        answers.put(method + " " + path, new Answer(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every request so far, as "METHOD path[?query] body". */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
