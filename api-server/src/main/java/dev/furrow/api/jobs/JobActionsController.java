package dev.furrow.api.jobs;

import dev.furrow.api.events.JobEvents;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.time.Instant;

/**
 * Furrow additions: the job actions of PyFarm's web UI as API routes (rerun, rerun failed, rerun one task, pause,
 * unpause, move to a queue, upgrade to the job type's latest version). Each answers the updated job document and
 * announces the change after the commit.
 */
@Controller("/api/v1/jobs")
public final class JobActionsController {

    private final Database database;
    private final JobEvents events;

    public JobActionsController(Database database, JobEvents events) {
        this.database = database;
        this.events = events;
    }

    @FunctionalInterface
    private interface Action {
        JobActions.Outcome apply(JobActions actions, long jobId, Instant now) throws java.sql.SQLException;
    }

    @Post("/{job}/rerun")
    public Job rerun(@PathVariable String job) {
        return run(job, JobActions::rerun);
    }

    @Post("/{job}/rerun_failed")
    public Job rerunFailed(@PathVariable String job) {
        return run(job, JobActions::rerunFailed);
    }

    @Post("/{job}/tasks/{task}/rerun")
    public Job rerunTask(@PathVariable String job, @PathVariable String task) {
        if (!task.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("task '" + task + "' not found; tasks are named by their numeric id");
        }
        long taskId = Long.parseLong(task);
        return run(job, (actions, jobId, now) -> actions.rerunTask(jobId, taskId, now));
    }

    @Post("/{job}/pause")
    public Job pause(@PathVariable String job) {
        return run(job, (actions, jobId, now) -> actions.pause(jobId));
    }

    @Post("/{job}/unpause")
    public Job unpause(@PathVariable String job) {
        return run(job, JobActions::unpause);
    }

    /**
     * The body of POST /jobs/{job}/move; "jobqueue" must be there, null takes the job out of its queue.
     *
     * @param jobqueue a queue's name, full path or id; null for no queue
     */
    @Schema(name = "JobMove")
    record Destination(@Nullable String jobqueue) {
    }

    @Post("/{job}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Destination.class)))
    public Job move(@PathVariable String job, @Nullable @Body String body) {
        JsonRequest request = JsonRequest.parse(body).matching(Destination.class);
        if (!request.has("jobqueue")) {
            throw ApiException.badRequest("'jobqueue' is required (a queue's name, full path or id, or null for no queue)");
        }
        String queue = request.string("jobqueue").orElse(null);
        return run(job, (actions, jobId, now) -> actions.move(jobId, queue));
    }

    @Post("/{job}/upgrade")
    public Job upgrade(@PathVariable String job) {
        return run(job, (actions, jobId, now) -> actions.upgrade(jobId));
    }

    private Job run(String job, Action action) {
        Instant now = Instant.now();
        record Done(long jobId, JobActions.Outcome outcome, Job document) {
        }
        Done done = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            JobActions.Outcome outcome = action.apply(new JobActions(sql), jobId, now);
            return new Done(jobId, outcome, JobDocument.load(sql, jobId));
        });
        if (done.outcome().change() != null) {
            events.published(done.jobId(), done.outcome().change(), done.outcome().taskIds());
        }
        return done.document();
    }
}
