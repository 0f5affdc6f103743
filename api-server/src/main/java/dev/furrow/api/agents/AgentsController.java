package dev.furrow.api.agents;

import dev.furrow.api.ApiConfig;
import dev.furrow.api.events.JobEvents;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobStates;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import dev.furrow.messages.JobChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Listing, registering, reading, updating and deleting agents (PyFarm's AgentIndexAPI and SingleAgentAPI). */
@Controller("/api/v1/agents")
public final class AgentsController {

    private static final Map<String, String> SCHEMA = Collections.unmodifiableMap(new TreeMap<>(Map.ofEntries(
            Map.entry("id", "UUIDType"), Map.entry("hostname", "VARCHAR(255)"), Map.entry("farm_name", "VARCHAR(255)"),
            Map.entry("version", "VARCHAR(32)"), Map.entry("upgrade_to", "VARCHAR(32)"),
            Map.entry("os_class", "VARCHAR(16)"), Map.entry("os_fullname", "VARCHAR(128)"),
            Map.entry("ram", "INTEGER"), Map.entry("free_ram", "INTEGER"), Map.entry("cpus", "INTEGER"),
            Map.entry("cpu_name", "VARCHAR(128)"), Map.entry("port", "INTEGER"), Map.entry("time_offset", "INTEGER"),
            Map.entry("cpu_allocation", "FLOAT"), Map.entry("ram_allocation", "FLOAT"),
            Map.entry("state", "AgentStateEnum"), Map.entry("use_address", "UseAgentAddressEnum"),
            Map.entry("remote_ip", "IPAddress"), Map.entry("restart_requested", "BOOLEAN"),
            Map.entry("last_heard_from", "DATETIME"), Map.entry("last_success_on", "DATETIME"),
            Map.entry("notes", "TEXT"))));

    private final Database database;
    private final ApiConfig config;
    private final JobEvents events;

    public AgentsController(Database database, ApiConfig config, JobEvents events) {
        this.database = database;
        this.config = config;
        this.events = events;
    }

    @Get("/")
    public HttpResponse<List<AgentSummary>> list(@RequestBean AgentFilter filter, @RequestBean ListParameters list) {
        PageRequest page = list.page(AgentDocument.ORDER);
        return database.inTransaction(c -> AgentDocument.list(new Sql(c), filter, page)).response(list);
    }

    /** The columns of an agent and their types (PyFarm's agents/schema; states are names in Furrow). */
    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    @Get("/{agent}")
    public Agent get(@PathVariable String agent) {
        String id = AgentId.parse(agent);
        return database.inTransaction(c -> AgentDocument.load(new Sql(c), id)
                .orElseThrow(() -> ApiException.notFound("agent " + id + " not found")));
    }

    /**
     * Creates the agent (201) or, when an agent with this id exists, merges the request into it (200). The remote
     * address defaults to the address the request came from.
     */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = AgentFields.Body.class)))
    public HttpResponse<Agent> register(HttpRequest<?> request, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(AgentFields.Body.class).require("id");
        String id = AgentId.parse(json.string("id").orElseThrow());
        AgentFields fields = AgentFields.read(json);
        if (!fields.columns().containsKey("remote_ip")) {
            InetAddress address = request.getRemoteAddress().getAddress();
            if (address != null) {
                fields.columns().put("remote_ip", address.getHostAddress());
            }
        }
        Object remoteIp = fields.columns().get("remote_ip");
        Object farm = fields.columns().get("farm_name");
        new AgentAdmission(config.allowAgentsFromLoopback(), config.farmName())
                .check(remoteIp == null ? null : remoteIp.toString(), farm == null ? null : farm.toString());
        Instant now = Instant.now();
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            boolean exists = sql.one("SELECT id FROM agents WHERE id = ? FOR UPDATE", row -> row.getString(1), id).isPresent();
            if (exists) {
                AgentWriter.merge(sql, id, fields, now);
            } else {
                fields.requireForCreate();
                AgentWriter.insert(sql, id, fields, now);
            }
            return HttpResponse.<Agent>status(exists ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(AgentDocument.load(sql, id).orElseThrow());
        });
    }

    /** Merges the request into an existing agent (PyFarm's SingleAgentAPI POST). */
    @Post("/{agent}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = AgentFields.Body.class)))
    public Agent update(@PathVariable String agent, @Nullable @Body String body) {
        String id = AgentId.parse(agent);
        JsonRequest json = JsonRequest.parse(body).matching(AgentFields.Body.class);
        json.string("id").map(AgentId::parse).filter(other -> !other.equals(id)).ifPresent(other -> {
            throw ApiException.badRequest("an agent's id cannot change: the body names " + other + ", the path " + id);
        });
        AgentFields fields = AgentFields.read(json);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            if (sql.one("SELECT id FROM agents WHERE id = ? FOR UPDATE", row -> row.getString(1), id).isEmpty()) {
                throw ApiException.notFound("agent " + id + " not found");
            }
            AgentWriter.merge(sql, id, fields, Instant.now());
            return AgentDocument.load(sql, id).orElseThrow();
        });
    }

    /**
     * Deletes the agent (204 also when it did not exist). Its unfinished tasks go back to the queue, and their
     * jobs are announced as updated so that the scheduler hands them to other agents.
     */
    @Delete("/{agent}")
    public HttpResponse<Void> delete(@PathVariable String agent) {
        String id = AgentId.parse(agent);
        Instant now = Instant.now();
        List<Long> jobs = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            List<Long> affected = sql.list("SELECT DISTINCT job_id FROM tasks WHERE agent_id = ? AND state IN ('queued', 'running')",
                    row -> row.getLong(1), id);
            sql.update("""
                    UPDATE tasks SET state = 'queued', agent_id = NULL, assignment_id = NULL, sent_to_agent = FALSE,
                        time_started = NULL WHERE agent_id = ? AND state IN ('queued', 'running')""", id);
            sql.update("DELETE FROM agents WHERE id = ?", id);
            for (long job : affected) {
                JobStates.recompute(sql, job, now);
            }
            return affected;
        });
        for (long job : jobs) {
            events.published(job, JobChanged.Change.UPDATED, List.of());
        }
        return HttpResponse.noContent();
    }
}
