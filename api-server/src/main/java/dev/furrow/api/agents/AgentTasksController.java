package dev.furrow.api.agents;

import dev.furrow.api.events.JobEvents;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import dev.furrow.api.tasks.Task;
import dev.furrow.api.tasks.TaskDocument;
import dev.furrow.api.tasks.TaskFilter;
import dev.furrow.messages.JobChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.List;

/** The tasks an agent holds, and assigning a queued task to it (PyFarm's TasksInAgentAPI). */
@Controller("/api/v1/agents/{agent}/tasks")
public final class AgentTasksController {

    /**
     * The body of POST /agents/{id}/tasks/: the task to assign.
     *
     * @param id the task's id
     */
    @Schema(name = "TaskAssignment")
    record TaskReference(long id) {
    }

    private final Database database;
    private final JobEvents events;

    public AgentTasksController(Database database, JobEvents events) {
        this.database = database;
        this.events = events;
    }

    @Get("/")
    public HttpResponse<List<Task>> list(@PathVariable String agent, @RequestBean TaskFilter filter,
                                         @RequestBean ListParameters list) {
        String id = AgentId.parse(agent);
        PageRequest page = list.page(TaskDocument.OF_AGENT);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            AgentFinder.require(sql, id);
            return TaskDocument.ofAgent(sql, id, filter, page);
        }).response(list);
    }

    /**
     * Body {"id": task id}: pins a queued task no agent holds to this agent, for the scheduler-worker to deliver;
     * answers the task. 404 for an unknown agent or task, 409 when the task or the agent cannot take it.
     */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TaskReference.class)))
    public Task assign(@PathVariable String agent, @Nullable @Body String body) {
        String id = AgentId.parse(agent);
        long taskId = JsonRequest.parse(body).matching(TaskReference.class).longValue("id").orElseThrow();
        Task task = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return TaskDocument.load(sql, AssignTaskToAgent.assign(sql, id, taskId), taskId).orElseThrow();
        });
        events.published(task.summary().jobId(), JobChanged.Change.UPDATED, List.of(taskId));
        return task;
    }
}
