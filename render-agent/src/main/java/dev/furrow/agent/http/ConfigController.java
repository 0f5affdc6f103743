package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/** GET /api/v1/config: the resolved configuration, by agent.yml key (the broker password masked). */
@Controller("/api/v1/config")
public final class ConfigController {

    private final Agent agent;

    public ConfigController(Agent agent) {
        this.agent = agent;
    }

    @Get
    public Map<String, Object> config() {
        return agent.config().byYamlKey();
    }
}
