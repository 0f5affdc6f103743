package dev.furrow.api.jobtypes;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobSubmission;
import dev.furrow.api.listing.ListParameters;
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
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** Reading job types and their versions (PyFarm's JobTypeIndexAPI, SingleJobTypeAPI, VersionedJobTypeAPI). */
@Controller("/api/v1/jobtypes")
public final class JobTypesController {

    private static final Map<String, String> SCHEMA = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "id", "INTEGER", "name", "VARCHAR(64)", "description", "TEXT", "version", "INTEGER",
            "classname", "VARCHAR(64)", "code", "TEXT", "max_batch", "INTEGER", "batch_contiguous", "BOOLEAN",
            "no_automatic_start_time", "BOOLEAN", "supports_tiling", "BOOLEAN")));

    private final Database database;

    public JobTypesController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<JobTypeSummary>> list(@RequestBean ListParameters list) {
        PageRequest page = list.page(JobTypeDocument.ORDER);
        return database.inTransaction(c -> JobTypeDocument.list(new Sql(c), page)).response(list);
    }

    /** The columns of a job type version and their types (PyFarm's jobtypes/schema). */
    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    @Get("/{jobtype}")
    public JobTypeVersion latest(@PathVariable String jobtype) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobTypeDocument.latest(sql, JobTypeDocument.find(sql, jobtype));
        });
    }

    /** Creates a job type with its first version; 409 when the name is taken. */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobTypeVersionRequest.Body.class)))
    public JobTypeVersion create(@Nullable @Body String body) {
        JobTypeVersionRequest request = JobTypeVersionRequest.read(JsonRequest.parse(body), null);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            if (sql.one("SELECT id FROM jobtypes WHERE name = ?", row -> row.getLong(1), request.name()).isPresent()) {
                throw ApiException.conflict("jobtype '" + request.name() + "' exists; PUT /api/v1/jobtypes/"
                        + request.name() + " adds a new version");
            }
            return JobTypeDocument.latest(sql, JobTypeWriter.addVersion(sql, Optional.empty(), request));
        });
    }

    /** Creates the job type, or adds a new version when it exists (PyFarm's PUT). */
    @Put("/{jobtype}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobTypeVersionRequest.Body.class)))
    public JobTypeVersion put(@PathVariable String jobtype, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            Optional<Long> existing = jobtype.matches("[0-9]{1,18}")
                    ? Optional.of(JobTypeDocument.find(sql, jobtype))
                    : JobTypeDocument.NAMES.lookup(sql, jobtype);
            String name = existing.isPresent()
                    ? sql.one("SELECT name FROM jobtypes WHERE id = ?", row -> row.getString(1), existing.get()).orElseThrow()
                    : jobtype;
            JobTypeVersionRequest request = JobTypeVersionRequest.read(json, name);
            return JobTypeDocument.latest(sql, JobTypeWriter.addVersion(sql, existing, request));
        });
    }

    /** Deletes the job type and all its versions; 204 also when it did not exist; 409 while jobs use it. */
    @Delete("/{jobtype}")
    public HttpResponse<Void> delete(@PathVariable String jobtype) {
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobTypeDocument.NAMES.ifFound(sql, jobtype, id -> JobTypeWriter.delete(sql, id));
        });
        return HttpResponse.noContent();
    }

    @Delete("/{jobtype}/versions/{version}")
    public HttpResponse<Void> deleteVersion(@PathVariable String jobtype, @PathVariable String version) {
        int number = versionNumber(version);
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobTypeDocument.NAMES.ifFound(sql, jobtype, id -> JobTypeWriter.deleteVersion(sql, id, number));
        });
        return HttpResponse.noContent();
    }

    /** Just the code of a version, as an agent loads it. */
    @Get("/{jobtype}/versions/{version}/code")
    @Produces(MediaType.TEXT_PLAIN)
    public String code(@PathVariable String jobtype, @PathVariable String version) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobTypeDocument.version(sql, JobTypeDocument.find(sql, jobtype), versionNumber(version)).code();
        });
    }

    /** The software requirements of the newest version. */
    @Get("/{jobtype}/software_requirements/")
    public HttpResponse<List<JobTypeRequirement>> requirements(@PathVariable String jobtype, @RequestBean ListParameters list) {
        PageRequest page = list.page(JobTypeRequirements.ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return new JobTypeRequirements(sql).list(JobTypeDocument.find(sql, jobtype), page);
        }).response(list);
    }

    /** Adds a software requirement; this creates a new version of the job type. */
    @Post("/{jobtype}/software_requirements/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobSubmission.SoftwareRequirement.class)))
    public JobTypeRequirement addRequirement(@PathVariable String jobtype, @Nullable @Body String body) {
        var requirement = JobSubmission.SoftwareRequirement.read(JsonRequest.parse(body));
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return new JobTypeRequirements(sql).add(JobTypeDocument.find(sql, jobtype), requirement);
        });
    }

    @Get("/{jobtype}/software_requirements/{software}")
    public JobTypeRequirement requirement(@PathVariable String jobtype, @PathVariable String software) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return new JobTypeRequirements(sql).find(JobTypeDocument.find(sql, jobtype), software)
                    .orElseThrow(() -> ApiException.notFound("jobtype '" + jobtype + "' does not require '" + software + "'"));
        });
    }

    /** Removes a software requirement in a new version; 204 also when there was none. */
    @Delete("/{jobtype}/software_requirements/{software}")
    public HttpResponse<Void> removeRequirement(@PathVariable String jobtype, @PathVariable String software) {
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            new JobTypeRequirements(sql).remove(JobTypeDocument.find(sql, jobtype), software);
            return null;
        });
        return HttpResponse.noContent();
    }

    @Get("/{jobtype}/versions/")
    public HttpResponse<List<Integer>> versions(@PathVariable String jobtype, @RequestBean ListParameters list) {
        PageRequest page = list.page(JobTypeDocument.VERSION_ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobTypeDocument.versions(sql, JobTypeDocument.find(sql, jobtype), page);
        }).response(list);
    }

    @Get("/{jobtype}/versions/{version}")
    public JobTypeVersion version(@PathVariable String jobtype, @PathVariable String version) {
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return JobTypeDocument.version(sql, JobTypeDocument.find(sql, jobtype), versionNumber(version));
        });
    }

    static int versionNumber(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw ApiException.notFound("jobtype version '" + text + "' not found; versions are numbers");
        }
        return Integer.parseInt(text);
    }
}
