package dev.furrow.api.jobgroups;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobDocument;
import dev.furrow.api.jobs.JobFilter;
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
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.List;
import java.util.Map;

/** Job groups (PyFarm's jobgroups API). */
@Controller("/api/v1/jobgroups")
public final class JobGroupsController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "title", "VARCHAR(255)",
            "main_jobtype", "VARCHAR(64)", "user", "VARCHAR(255)");

    /**
     * The body of POST /jobgroups/ (title and main_jobtype required) and POST /jobgroups/{id} (what changes).
     *
     * @param title       1-255 characters
     * @param mainJobtype a job type's name
     * @param user        an existing user's name
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobGroupRequest")
    record Fields(@Nullable String title, @Nullable String mainJobtype, @Nullable String user) {
    }

    private final Database database;

    public JobGroupsController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<JobGroup.Summary>> list(@RequestBean JobGroupFilter filter, @RequestBean ListParameters list) {
        PageRequest page = list.page(JobGroupBook.ORDER);
        return database.inTransaction(JobGroupBook::new, groups -> groups.list(filter, page)).response(list);
    }

    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = Fields.class)))
    public JobGroup create(@Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(Fields.class).require("title", "main_jobtype");
        String title = title(json.string("title").orElseThrow());
        String mainJobtype = json.string("main_jobtype").orElseThrow();
        String user = json.string("user").orElse(null);
        return database.inTransaction(JobGroupBook::new, groups -> groups.document(groups.create(title, mainJobtype, user)));
    }

    @Get("/{group}")
    public JobGroup get(@PathVariable String group) {
        long id = JobGroupBook.groupId(group);
        return database.inTransaction(JobGroupBook::new, jobGroupBook -> jobGroupBook.document(id));
    }

    @Post("/{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Fields.class)))
    public JobGroup update(@PathVariable String group, @Nullable @Body String body) {
        long id = JobGroupBook.groupId(group);
        JsonRequest json = JsonRequest.parse(body).matching(Fields.class);
        var title = json.string("title").map(JobGroupsController::title);
        return database.inTransaction(JobGroupBook::new, groups -> {
            groups.update(id, title, json.string("main_jobtype"), json.has("user"), json.string("user").orElse(null));
            return groups.document(id);
        });
    }

    /** 204 also when the group did not exist; 409 while it contains jobs. */
    @Delete("/{group}")
    public HttpResponse<Void> delete(@PathVariable String group) {
        long id = JobGroupBook.groupId(group);
        database.inTransaction(c -> {
            new JobGroupBook(new Sql(c)).delete(id);
            return null;
        });
        return HttpResponse.noContent();
    }

    /** {"jobs": [...]}; paging and filters apply to that list. */
    @Get("/{group}/jobs")
    public HttpResponse<JobGroup.Jobs> jobs(@PathVariable String group, @RequestBean JobFilter filter,
                                            @RequestBean ListParameters list) {
        long id = JobGroupBook.groupId(group);
        PageRequest page = list.page(JobDocument.ORDER);
        return database.inTransaction(JobGroupBook::new, groups -> groups.jobs(id, filter, page))
                .response(list, JobGroup.Jobs::new);
    }

    private static String title(String title) {
        if (title.isBlank() || title.length() > 255) {
            throw ApiException.badRequest("a jobgroup title has 1 to 255 characters");
        }
        return title;
    }
}
