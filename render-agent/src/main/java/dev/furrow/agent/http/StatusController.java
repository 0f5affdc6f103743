package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.assignments.AssignmentRun;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/v1/status: who this agent is, its state, ram and the processes it runs (PyFarm's status fields). */
@Controller("/api/v1/status")
public final class StatusController {

    private final Agent agent;

    public StatusController(Agent agent) {
        this.agent = agent;
    }

    @Get
    public Map<String, Object> status() {
        List<Long> pids = agent.assignments().runs().stream()
                .flatMap(run -> run.current().stream())
                .map(running -> running.process().pid())
                .toList();
        long consumed = pids.stream().mapToLong(pid -> agent.systemInfo().treeRssMb(pid)).sum();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", agent.state().wireName());
        status.put("agent_id", agent.agentId().toString());
        status.put("agent_hostname", agent.facts().hostname());
        status.put("farm_name", agent.config().farmName());
        status.put("version", Agent.VERSION);
        status.put("pid", ProcessHandle.current().pid());
        status.put("uptime", Duration.between(agent.startedAt(), Instant.now()).toMillis() / 1000.0);
        status.put("cpus", agent.facts().cpus());
        status.put("ram", agent.facts().ram());
        status.put("free_ram", agent.systemInfo().freeRam());
        status.put("agent_process_ram", agent.systemInfo().treeRssMb(ProcessHandle.current().pid()) - consumed);
        status.put("consumed_ram", consumed);
        status.put("child_processes", pids.size());
        status.put("pids", pids);
        status.put("assignments", agent.assignments().runs().stream().map(AssignmentRun::assignment)
                .map(a -> a.assignmentId().toString()).toList());
        status.put("tasks", agent.runningTaskIds());
        return status;
    }
}
