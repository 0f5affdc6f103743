package dev.furrow.api.tasks;

import dev.furrow.api.agents.AgentId;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.sql.SQLException;
import java.util.List;

import static dev.furrow.api.listing.Ordering.text;

/** The agents a task failed on, which the scheduler avoids for it (PyFarm's failed_on_agents API). */
@Controller("/api/v1/jobs/{job}/tasks/{task}/failed_on_agents")
public final class FailedOnAgentsController {

    private static final Ordering ORDER = Ordering.by("hostname", text("a.hostname"), text("a.id")).or("id", text("a.id"));

    private final Database database;

    public FailedOnAgentsController(Database database) {
        this.database = database;
    }

    /**
     * The body of POST .../failed_on_agents/: the agent's id.
     *
     * @param id the agent's id (a UUID)
     */
    @Schema(name = "FailedOnAgentRequest")
    record AgentReference(String id) {
    }

    @Get("/")
    public HttpResponse<List<FailedOnAgent>> list(@PathVariable String job, @PathVariable String task,
                                                  @RequestBean ListParameters list) {
        PageRequest page = list.page(ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return ListQuery.select("a.id, a.hostname", "failed_tasks_in_agents f JOIN agents a ON a.id = f.agent_id")
                    .where("f.task_id = ?", TaskFinder.find(sql, job, task).taskId())
                    .page(sql, page, row -> new FailedOnAgent(row.getString("id"), row.getString("hostname")));
        }).response(list);
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = AgentReference.class)))
    public FailedOnAgent add(@PathVariable String job, @PathVariable String task, @Nullable @Body String body) {
        String agentId = AgentId.parse(JsonRequest.parse(body).matching(AgentReference.class).string("id").orElseThrow());
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long taskId = TaskFinder.find(sql, job, task).taskId();
            FailedOnAgent agent = findAgent(sql, agentId);
            sql.update("INSERT IGNORE INTO failed_tasks_in_agents (task_id, agent_id) VALUES (?, ?)", taskId, agentId);
            return agent;
        });
    }

    @Delete("/{agent}")
    public HttpResponse<Void> remove(@PathVariable String job, @PathVariable String task, @PathVariable String agent) {
        String agentId = AgentId.parse(agent);
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long taskId = TaskFinder.find(sql, job, task).taskId();
            findAgent(sql, agentId);
            return sql.update("DELETE FROM failed_tasks_in_agents WHERE task_id = ? AND agent_id = ?", taskId, agentId);
        });
        return HttpResponse.noContent();
    }

    private static FailedOnAgent findAgent(Sql sql, String agentId) throws SQLException {
        return sql.one("SELECT id, hostname FROM agents WHERE id = ?",
                        row -> new FailedOnAgent(row.getString("id"), row.getString("hostname")), agentId)
                .orElseThrow(() -> ApiException.notFound("agent " + agentId + " not found"));
    }
}
