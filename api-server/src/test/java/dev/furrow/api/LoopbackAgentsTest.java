package dev.furrow.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With PyFarm's default allow_agents_from_loopback=false, an agent on 127.0.0.1 is refused. */
class LoopbackAgentsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass(Map.of("furrow.allow-agents-from-loopback", false));

    @Test
    void anAgentConnectingFromLoopbackIsRefused() {
        Map<String, Object> agent = Map.of("id", UUID.randomUUID().toString(), "hostname", "local", "port", 50000,
                "cpus", 1, "ram", 1024, "free_ram", 512);
        ApiServer.Reply reply = api.post("/api/v1/agents/", ApiServer.json(agent));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).contains("loopback");
    }
}
