package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/** POST /api/v1/stop: shuts the agent down cleanly (its tasks go back to the queue); answers before it happens. */
@Controller("/api/v1/stop")
public final class StopController {

    private final Agent agent;

    public StopController(Agent agent) {
        this.agent = agent;
    }

    @Post
    public HttpResponse<Map<String, Object>> stop(@Body @Nullable Map<String, Object> body) {
        // PyFarm's schema: {'wait': bool}, nothing else. Waiting is the caller's business (`stop` without --no-wait).
        if (body != null && (!body.keySet().stream().allMatch("wait"::equals)
                || body.containsKey("wait") && !(body.get("wait") instanceof Boolean))) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "send {\"wait\": true|false} or nothing; got " + body);
        }
        agent.requestStop();
        return HttpResponse.accepted().body(Map.of("stopping", true, "pid", ProcessHandle.current().pid()));
    }
}
