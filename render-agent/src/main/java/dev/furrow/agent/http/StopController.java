package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
        if (body != null && !body.keySet().stream().allMatch("wait"::equals)) {
            throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST,
                    "unknown field(s) " + body.keySet() + "; the only field is 'wait' (true or false)");
        }
        agent.requestStop();
        return HttpResponse.accepted().body(Map.of("stopping", true, "pid", ProcessHandle.current().pid()));
    }
}
