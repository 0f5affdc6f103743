package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.master.MasterApi;
import dev.furrow.agent.supervisor.Supervisor;
import dev.furrow.agent.update.AgentUpdates;
import dev.furrow.agent.update.StagedUpdate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/**
 * POST /api/v1/update {"version": "X"}: downloads the master's agent version X, stages it in agent_updates_dir and
 * stops the agent cleanly (its tasks go back to the queue); the supervisor swaps the jar in and starts it. Only
 * an agent run by {@code supervise} accepts it: nothing else would start the new version.
 */
@Controller("/api/v1/update")
public final class UpdateController {

    private final Agent agent;

    public UpdateController(Agent agent) {
        this.agent = agent;
    }

    @Post
    public HttpResponse<Map<String, Object>> update(@Body @Nullable Map<String, Object> body) throws InterruptedException {
        if (!Supervisor.supervisesThisProcess()) {
            throw new ApiException(HttpStatus.CONFLICT, "this agent runs without a supervisor, so nothing would start "
                    + "the new version; run it with `furrow-render-agent supervise ...` to allow updates");
        }
        if (body == null || !(body.get("version") instanceof String || body.get("version") instanceof Number)
                || body.size() != 1) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "send {\"version\": \"X.Y.Z\"} and nothing else");
        }
        StagedUpdate staged;
        try {
            staged = new AgentUpdates(MasterApi.at(agent.config().masterApi()), agent.config().updatesDir())
                    .stage(body.get("version").toString());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (AgentUpdates.UpdateFailed e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
        agent.requestStop();
        return HttpResponse.accepted().body(Map.of("version", staged.version(), "staged", staged.jar().toString(),
                "restarting", true));
    }
}
