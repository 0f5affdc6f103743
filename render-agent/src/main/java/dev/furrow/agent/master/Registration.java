package dev.furrow.agent.master;

import dev.furrow.agent.Agent;
import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.config.ConfigLoader;
import dev.furrow.agent.sysinfo.HostFacts;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent in the master's REST API, as PyFarm's agent keeps itself there ({@code POST /agents/}, which creates
 * or updates the agent). At start it is the agent's admission: the master answers 400 when it will not have this
 * agent (its farm_name is another farm's, agents on loopback are not allowed), and the agent then refuses to start
 * ({@link ConfigLoader.InvalidConfig}); when the master cannot be reached or answers otherwise, the agent joins anyway
 * and says so (its announcement on the broker registers it too). Every --master-reannounce it sends its facts
 * again (free ram), which is PyFarm's re-announcement: over REST rather than as an announcement on the broker,
 * which would make the scheduler reconcile the agent's tasks against assignments still on their way.
 */
public final class Registration {

    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

    private final Optional<MasterApi> master;
    private final UUID agentId;
    private final AgentConfig config;

    public Registration(Optional<MasterApi> master, UUID agentId, AgentConfig config) {
        this.master = master;
        this.agentId = agentId;
        this.config = config;
    }

    /** Registers before joining; throws {@link ConfigLoader.InvalidConfig} when the master refuses this agent. */
    public void register(HostFacts facts) throws InterruptedException {
        if (master.isEmpty()) {
            LOG.info("no --master-api: the agent does not register over REST (the farm name is not checked)");
            return;
        }
        HttpResponse<String> answer;
        try {
            answer = master.get().post("/agents/", body(facts));
        } catch (IOException e) {
            LOG.warn("cannot register with the master at {} ({}); joining through the broker anyway, without the "
                    + "farm name check", master.get(), e.toString());
            return;
        }
        if (answer.statusCode() == 400) {
            throw new ConfigLoader.InvalidConfig("the master at " + master.get() + " refuses this agent: "
                    + errorOf(answer.body()) + " (farm_name " + config.farmName() + "); fix --farm-name or the master's");
        }
        if (answer.statusCode() >= 300) {
            LOG.warn("the master at {} answered {} to the registration ({}); joining through the broker anyway",
                    master.get(), answer.statusCode(), answer.body());
        }
    }

    /** Sends the facts again; a refusal now is logged (the agent is running and stays so). */
    public void reannounce(HostFacts facts) throws InterruptedException {
        if (master.isEmpty()) {
            return;
        }
        try {
            HttpResponse<String> answer = master.get().post("/agents/", body(facts));
            if (answer.statusCode() >= 300) {
                LOG.warn("the master at {} answered {} to the re-announcement: {}", master.get(), answer.statusCode(),
                        errorOf(answer.body()));
            }
        } catch (IOException e) {
            LOG.warn("cannot re-announce to the master at {}: {}", master.get(), e.toString());
        }
    }

    /**
     * PyFarm's agent fields, kept within its models.yml ranges so that only the master's own rules can refuse. No
     * state: the broker reports it, and a REST update would overwrite an administrator's "disabled".
     */
    private Map<String, Object> body(HostFacts facts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", agentId.toString());
        body.put("hostname", truncated(facts.hostname(), 255));
        body.put("port", config.port());
        body.put("cpus", clamp(facts.cpus(), 1, 256));
        body.put("ram", clamp(facts.ram(), 16, 262_144));
        body.put("free_ram", clamp(facts.freeRam(), 0, 262_144));
        body.put("os_class", truncated(facts.osClass(), 16));
        body.put("os_fullname", truncated(facts.osFullname(), 128));
        body.put("cpu_name", truncated(facts.cpuName(), 128));
        body.put("version", Agent.VERSION);
        body.put("time_offset", clamp((int) Math.round(config.timeOffset()), -86_400, 86_400));
        if (config.farmName() != null) {
            body.put("farm_name", truncated(config.farmName(), 255));
        }
        if (config.remoteIp() != null) {
            body.put("remote_ip", config.remoteIp());
        }
        return body;
    }

    private static String errorOf(String body) {
        try {
            return Json.mapper().readTree(body).path("error").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String truncated(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
