package dev.furrow.agent.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The local agent's REST API, as the status and stop commands use it; {@code username}/{@code password}
 * (agent-api-username / agent-api-password, may be null) go along as HTTP Basic credentials on POSTs.
 */
record AgentApi(int port, String username, String password) {

    AgentApi(int port) {
        this(port, null, null);
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

    /**
     * Waits until GET /status answers 200 while {@code launcher} (the process that brings the agent up) is alive;
     * false if it died or the agent did not answer within three minutes.
     */
    boolean awaitUp(Process launcher) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_PATIENCE);
        while (Instant.now().isBefore(deadline) && launcher.isAlive()) {
            try {
                if (get("/status").statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (username != null || password != null) {
            String credentials = (username == null ? "" : username) + ":" + (password == null ? "" : password);
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1" + path);
    }
}
