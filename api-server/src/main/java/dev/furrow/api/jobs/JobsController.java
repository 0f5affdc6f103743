package dev.furrow.api.jobs;

import dev.furrow.api.events.JobEvents;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import dev.furrow.messages.JobChanged;
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

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Submitting, listing and reading jobs (PyFarm's JobIndexAPI and SingleJobAPI). */
@Controller("/api/v1/jobs")
public final class JobsController {

    private static final Map<String, String> SCHEMA = Collections.unmodifiableMap(new TreeMap<>(Map.ofEntries(
            Map.entry("id", "INTEGER"), Map.entry("title", "VARCHAR(255)"), Map.entry("state", "WorkStateEnum"),
            Map.entry("jobtype", "VARCHAR(64)"), Map.entry("jobtype_version", "INTEGER"),
            Map.entry("jobqueue", "VARCHAR(255)"), Map.entry("user", "VARCHAR(255)"),
            Map.entry("start", "NUMERIC(10,4)"), Map.entry("end", "NUMERIC(10,4)"), Map.entry("by", "NUMERIC(10,4)"),
            Map.entry("batch", "INTEGER"), Map.entry("priority", "INTEGER"), Map.entry("weight", "INTEGER"),
            Map.entry("requeue", "INTEGER"), Map.entry("cpus", "INTEGER"), Map.entry("ram", "INTEGER"),
            Map.entry("ram_warning", "INTEGER"), Map.entry("ram_max", "INTEGER"),
            Map.entry("minimum_agents", "INTEGER"), Map.entry("maximum_agents", "INTEGER"),
            Map.entry("num_tiles", "INTEGER"), Map.entry("hidden", "BOOLEAN"), Map.entry("to_be_deleted", "BOOLEAN"),
            Map.entry("autodelete_time", "INTEGER"), Map.entry("data", "JSONDict"), Map.entry("environ", "JSONDict"),
            Map.entry("notes", "TEXT"), Map.entry("output_link", "VARCHAR(1024)"),
            Map.entry("time_submitted", "DATETIME"), Map.entry("time_started", "DATETIME"),
            Map.entry("time_finished", "DATETIME"))));

    private final Database database;
    private final JobEvents events;

    public JobsController(Database database, JobEvents events) {
        this.database = database;
        this.events = events;
    }

    /** Inserts the job and all its tasks in one transaction, then tells the schedulers. */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobSubmission.Body.class)))
    public Job submit(@Nullable @Body String body) {
        JobSubmission submission = JobSubmission.read(JsonRequest.parse(body));
        Instant now = Instant.now();
        Job job = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobDocument.load(sql, JobWriter.insert(sql, submission, now));
        });
        events.published(job.id(), JobChanged.Change.SUBMITTED, List.of());
        return job;
    }

    @Get("/")
    public HttpResponse<List<JobSummary>> list(@RequestBean JobFilter filter, @RequestBean ListParameters list) {
        PageRequest page = list.page(JobDocument.ORDER);
        return database.inTransaction(c -> JobDocument.list(new Sql(c), filter, page)).response(list);
    }

    /** Changes the given columns; start, end or by add and remove tasks to match the new range. */
    @Post("/{job}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobUpdate.Body.class)))
    public Job update(@PathVariable String job, @Nullable @Body String body) {
        JobUpdate update = JobUpdate.read(JsonRequest.parse(body));
        Instant now = Instant.now();
        record Updated(long id, JobUpdater.Result result, Job document) {
        }
        Updated updated = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            JobUpdater.Result result = JobUpdater.update(sql, jobId, update, now);
            return new Updated(jobId, result, JobDocument.load(sql, jobId));
        });
        events.published(updated.id(), updated.result().change(), updated.result().removedTasks());
        return updated.document();
    }

    /** Marks the job for deletion; the scheduler stops its tasks and housekeeping removes it (PyFarm). */
    @Delete("/{job}")
    public HttpResponse<Void> delete(@PathVariable String job) {
        long jobId = database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long id = JobFinder.find(sql, job);
            sql.update("UPDATE jobs SET to_be_deleted = TRUE WHERE id = ?", id);
            return id;
        });
        events.published(jobId, JobChanged.Change.DELETED, List.of());
        return HttpResponse.noContent();
    }

    /** The columns of a job and their types (PyFarm's jobs/schema). */
    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    @Get("/{job}")
    public Job get(@PathVariable String job) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobDocument.load(sql, JobFinder.find(sql, job));
        });
    }
}
