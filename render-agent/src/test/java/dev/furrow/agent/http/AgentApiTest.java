package dev.furrow.agent.http;

import dev.furrow.agent.testsupport.AgentProcess;
import dev.furrow.agent.testsupport.FakeMaster;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.messages.WorkState;
import dev.furrow.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent with agent-api-username/password: reading is open, changing needs HTTP Basic; the index page; restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private FakeMaster master;
    private AgentProcess agent;
    private UUID agentId;
    private int port;

    @BeforeAll
    void startAgent() throws Exception {
        String namespace = TestBroker.freshNamespace();
        master = new FakeMaster(TestBroker.url(), namespace);
        agentId = UUID.randomUUID();
        port = AgentProcess.freePort();
        agent = AgentProcess.start(List.of(), List.of(
                        "--agent-id", agentId.toString(), "--host", "render-api", "--farm-name", "green",
                        "--agent-api-username", "wrangler", "--agent-api-password", "s3cret",
                        "--task-log-dir", dir.resolve("tasklogs").toString(),
                        "--pidfile", dir.resolve("agent.pid").toString(), "--spool-dir", dir.resolve("spool").toString(),
                        "--log", dir.resolve("agent.log").toString()),
                Map.of("FURROW_AMQP_URL", TestBroker.url(), "FURROW_AMQP_NAMESPACE", namespace),
                port, dir);
    }

    @AfterAll
    void stopAgent() throws Exception {
        agent.close();
        // the restarted agent is not a child of the test: stop it through its pidfile
        Path pidfile = dir.resolve("agent.pid");
        if (Files.exists(pidfile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidfile).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
        master.close();
    }

    @Test
    @Order(1)
    void changingRequestsNeedTheCredentialsReadingDoesNot() throws Exception {
        HttpResponse<String> anonymous = send("DELETE", "/api/v1/tasks/4711", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"furrow-agent\"");
        assertThat(Json.mapper().readTree(anonymous.body()).get("error").asText()).contains("needs a user name and password");
        HttpResponse<String> wrong = send("DELETE", "/api/v1/tasks/4711", basic("wrangler", "guess"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(wrong.body()).get("error").asText()).contains("wrong user name or password");
        assertThat(send("DELETE", "/api/v1/tasks/4711", basic("wrangler", "s3cret")).statusCode()).isEqualTo(204);

        assertThat(send("POST", "/api/v1/stop", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/restart", basic("someone", "s3cret")).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/update", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/check_software", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unsupervised = send("POST", "/api/v1/update", basic("wrangler", "s3cret"));
        assertThat(unsupervised.statusCode()).as("only a supervised agent can update itself").isEqualTo(409);
        assertThat(unsupervised.body()).contains("runs without a supervisor");
        assertThat(agent.process().isAlive()).isTrue();
        assertThat(send("GET", "/api/v1/status", null).statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(send("GET", "/api/v1/config", null).body()).get("agent_api_password").asText())
                .isEqualTo("***");
    }

    @Test
    @Order(2)
    void indexPageShowsTheAgentsStateAndTasks() throws Exception {
        HttpResponse<String> idle = send("GET", "/", null);
        assertThat(idle.statusCode()).isEqualTo(200);
        assertThat(idle.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(idle.body()).contains("Furrow render-agent on render-api").contains(agentId.toString())
                .contains("<td>online</td>").contains("<td>green</td>").contains("the agent is idle");

        long taskId = 31;
        master.send(agentId, new AssignTasks(UUID.randomUUID(), new AssignTasks.Job(30, "<b>shot</b> 10", "tester",
                "command", 1, Json.mapper().readTree("{\"command\": [\"sleep\", \"30\"]}"), Map.of(), 1, 1, 64, null, null),
                List.of(new AssignTasks.Task(taskId, 12, null, 1)), Instant.now()));
        master.awaitTask(taskId, WorkState.RUNNING);
        String busy = send("GET", "/", null).body();
        assertThat(busy).contains("<td>running</td>").contains("<td>31</td><td>12</td>")
                .contains("30 &lt;b&gt;shot&lt;/b&gt; 10").doesNotContain("<b>shot</b>");
        assertThat(send("DELETE", "/api/v1/tasks/" + taskId, basic("wrangler", "s3cret")).statusCode()).isEqualTo(202);
        master.awaitTask(taskId, WorkState.QUEUED);
        agent.awaitIdle();
    }

    @Test
    @Order(3)
    void restartStopsTheAgentCleanlyAndStartsItAgain() throws Exception {
        long oldPid = agent.pid();
        int announcements = master.all(AgentAnnounced.class, a -> a.agentId().equals(agentId)).size();

        HttpResponse<String> restart = send("POST", "/api/v1/restart", basic("wrangler", "s3cret"));

        assertThat(restart.statusCode()).isEqualTo(202);
        assertThat(agent.process().waitFor(60, TimeUnit.SECONDS)).as(agent.output()).isTrue();
        assertThat(agent.process().exitValue()).isZero();
        Instant deadline = Instant.now().plusSeconds(60);
        while (master.all(AgentAnnounced.class, a -> a.agentId().equals(agentId)).size() <= announcements) {
            assertThat(Instant.now()).as("the agent announced itself again: " + Files.readString(dir.resolve("agent.log")))
                    .isBefore(deadline);
            Thread.sleep(100);
        }
        long newPid = Json.mapper().readTree(send("GET", "/api/v1/status", null).body()).get("pid").asLong();
        assertThat(newPid).isNotEqualTo(oldPid);
        assertThat(Files.readString(dir.resolve("agent.pid")).trim()).isEqualTo(Long.toString(newPid));

        assertThat(send("POST", "/api/v1/stop", basic("wrangler", "s3cret")).statusCode()).isEqualTo(202);
        ProcessHandle restarted = ProcessHandle.of(newPid).orElseThrow();
        restarted.onExit().get(60, TimeUnit.SECONDS);
        assertThat(restarted.isAlive()).isFalse();
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
