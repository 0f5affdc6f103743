package dev.furrow.api.tasks;

import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobFinder;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
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

import java.time.Instant;
import java.util.List;

/** The tasks of one job: list, read, and the update agents post while they work. */
@Controller("/api/v1/jobs/{job}/tasks")
public final class TasksController {

    private final Database database;

    public TasksController(Database database) {
        this.database = database;
    }

    /** All tasks in frame order, or one page of them. */
    @Get("/")
    public HttpResponse<List<TaskSummary>> list(@PathVariable String job, @RequestBean TaskFilter filter,
                                                        @RequestBean ListParameters list) {
        PageRequest page = list.page(TaskDocument.OF_JOB);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return TaskDocument.ofJob(sql, JobFinder.find(sql, job), filter, page);
        }).response(list);
    }

    @Get("/{task}")
    public Task get(@PathVariable String job, @PathVariable String task) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            TaskFinder.Found found = TaskFinder.find(sql, job, task);
            return TaskDocument.load(sql, found.jobId(), found.taskId()).orElseThrow();
        });
    }

    @Post("/{task}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TaskChange.Body.class)))
    public Task update(@PathVariable String job, @PathVariable String task, @Nullable @Body String body) {
        TaskChange change = TaskChange.read(JsonRequest.parse(body));
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            TaskFinder.Found found = TaskFinder.find(sql, job, task);
            TaskUpdater.update(sql, found.jobId(), found.taskId(), change, Instant.now());
            return TaskDocument.load(sql, found.jobId(), found.taskId()).orElseThrow();
        });
    }
}
