package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.software.SoftwareChecks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.Map;
import java.util.Set;

/**
 * POST /api/v1/check_software {"software": name, "version": v}: fetches the version's discovery code from the
 * master (502 if it cannot), answers 202 and runs it in the background; the result goes to the master's
 * agents/&lt;id&gt;/software endpoint.
 */
@Controller("/api/v1/check_software")
public final class CheckSoftwareController {

    private final SoftwareChecks checks;

    public CheckSoftwareController(Agent agent) {
        this.checks = agent.softwareChecks();
    }

    @Post
    public HttpResponse<Map<String, Object>> check(@Body @Nullable Map<String, Object> body) throws InterruptedException {
        if (body == null || !body.keySet().equals(Set.of("software", "version"))
                || !(body.get("software") instanceof String software) || software.isBlank()
                || !(body.get("version") instanceof String || body.get("version") instanceof Number)) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "send {\"software\": \"name\", \"version\": \"version\"} (both strings) and nothing else");
        }
        String version = body.get("version").toString();
        try {
            checks.check(software, version);
        } catch (SoftwareChecks.Unavailable e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
        return HttpResponse.accepted().body(Map.of("software", software, "version", version, "checking", true));
    }
}
