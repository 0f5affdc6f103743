package dev.furrow.api.tasks;

import dev.furrow.api.agents.AgentId;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobFinder;
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

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.furrow.api.listing.Ordering.text;

/** The agents a task failed on, which the scheduler avoids for it (PyFarm's failed_on_agents API). */
@Controller("/api/v1/jobs/{job}/tasks/{task}/failed_on_agents")
public final class FailedOnAgentsController {

    private static final Ordering ORDER = Ordering.by("hostname", text("a.hostname"), text("a.id")).or("id", text("a.id"));

    private final Database database;

    public FailedOnAgentsController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<Map<String, Object>>> list(@PathVariable String job, @PathVariable String task,
                                                        @RequestBean ListParameters list) {
        PageRequest page = list.page(ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return ListQuery.select("a.id, a.hostname", "failed_tasks_in_agents f JOIN agents a ON a.id = f.agent_id")
                    .where("f.task_id = ?", task(sql, job, task))
                    .page(sql, page, row -> agent(row.getString(1), row.getString(2)));
        }).response(list);
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> add(@PathVariable String job, @PathVariable String task, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("id")).require("id");
        String agentId = AgentId.parse(json.string("id").orElseThrow());
        Map<String, Object> agent = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long taskId = task(sql, job, task);
            Map<String, Object> found = findAgent(sql, agentId);
            sql.update("INSERT IGNORE INTO failed_tasks_in_agents (task_id, agent_id) VALUES (?, ?)", taskId, agentId);
            return found;
        });
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(agent);
    }

    @Delete("/{agent}")
    public HttpResponse<Void> remove(@PathVariable String job, @PathVariable String task, @PathVariable String agent) {
        String agentId = AgentId.parse(agent);
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long taskId = task(sql, job, task);
            findAgent(sql, agentId);
            return sql.update("DELETE FROM failed_tasks_in_agents WHERE task_id = ? AND agent_id = ?", taskId, agentId);
        });
        return HttpResponse.noContent();
    }

    private static long task(Sql sql, String job, String task) throws SQLException {
        long jobId = JobFinder.find(sql, job);
        long taskId = TasksController.taskId(task);
        return sql.one("SELECT id FROM tasks WHERE id = ? AND job_id = ?", row -> row.getLong(1), taskId, jobId)
                .orElseThrow(() -> ApiException.notFound("task " + taskId + " of job " + jobId + " not found"));
    }

    private static Map<String, Object> findAgent(Sql sql, String agentId) throws SQLException {
        return sql.one("SELECT id, hostname FROM agents WHERE id = ?", row -> agent(row.getString(1), row.getString(2)), agentId)
                .orElseThrow(() -> ApiException.notFound("agent " + agentId + " not found"));
    }

    private static Map<String, Object> agent(String id, String hostname) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("id", id);
        agent.put("hostname", hostname);
        return agent;
    }
}
