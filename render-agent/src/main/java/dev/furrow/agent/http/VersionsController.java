package dev.furrow.agent.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import java.util.Map;

/** GET /api/v1/versions/: the API versions this agent speaks. */
@Controller("/api/v1/versions")
public final class VersionsController {

    @Get("/")
    public Map<String, List<Integer>> versions() {
        return Map.of("versions", List.of(1));
    }
}
