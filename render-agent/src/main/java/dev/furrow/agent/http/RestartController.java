package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/**
 * POST /api/v1/restart: shuts the agent down cleanly (its tasks go back to the queue) and starts it again with
 * the same command line; answers before it happens.
 */
@Controller("/api/v1/restart")
public final class RestartController {

    private final Agent agent;

    public RestartController(Agent agent) {
        this.agent = agent;
    }

    @Post
    public HttpResponse<Map<String, Object>> restart() {
        agent.requestRestart();
        return HttpResponse.accepted().body(Map.of("restarting", true, "pid", ProcessHandle.current().pid()));
    }
}
