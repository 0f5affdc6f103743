package dev.furrow.api.tasks;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobFinder;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The tasks of one job: list, read, and the update agents post while they work. */
@Controller("/api/v1/jobs/{job}/tasks")
public final class TasksController {

    private final Database database;

    public TasksController(Database database) {
        this.database = database;
    }

    /** All tasks in frame order, or one page of them. */
    @Get("/")
    public HttpResponse<List<Map<String, Object>>> list(@PathVariable String job, @RequestBean TaskFilter filter,
                                                        @RequestBean ListParameters list) {
        PageRequest page = list.page(TaskDocument.OF_JOB);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return TaskDocument.ofJob(sql, JobFinder.find(sql, job), filter, page);
        }).response(list);
    }

    @Get("/{task}")
    public Map<String, Object> get(@PathVariable String job, @PathVariable String task) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            long taskId = taskId(task);
            return TaskDocument.load(sql, jobId, taskId).orElseThrow(() -> notFound(jobId, taskId));
        });
    }

    @Post("/{task}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathVariable String job, @PathVariable String task, @Nullable @Body String body) {
        TaskChange change = TaskChange.read(JsonRequest.parse(body));
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            long taskId = taskId(task);
            TaskUpdater.update(sql, jobId, taskId, change, Instant.now());
            return TaskDocument.load(sql, jobId, taskId).orElseThrow(() -> notFound(jobId, taskId));
        });
    }

    /** Task ids in paths are numbers; anything else names no task. */
    public static long taskId(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("task '" + text + "' not found; task ids are numbers");
        }
        return Long.parseLong(text);
    }

    private static ApiException notFound(long jobId, long taskId) {
        return ApiException.notFound("task " + taskId + " of job " + jobId + " not found");
    }
}
