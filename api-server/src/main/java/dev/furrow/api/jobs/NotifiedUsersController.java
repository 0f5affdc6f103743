package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.JsonRequest;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.List;

/** Users to notify about a job's success, failure or deletion (PyFarm's notified_users API). */
@Controller("/api/v1/jobs/{job}/notified_users")
public final class NotifiedUsersController {

    /**
     * The body of POST .../notified_users/.
     *
     * @param username an existing user
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "NotifiedUserRequest")
    record Subscription(String username,
                        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "true") boolean onSuccess,
                        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "true") boolean onFailure,
                        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean onDeletion) {
    }

    private final Database database;

    public NotifiedUsersController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<NotifiedUser>> list(@PathVariable String job, @RequestBean ListParameters list) {
        PageRequest page = list.page(NotifiedUsers.ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return NotifiedUsers.ofJob(sql, JobFinder.find(sql, job), page);
        }).response(list);
    }

    /** Adds the user (201), or updates the flags of a user already on the list (200). */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Subscription.class)))
    public HttpResponse<NotifiedUser> add(@PathVariable String job, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(Subscription.class);
        String username = json.string("username").orElseThrow();
        boolean onSuccess = json.bool("on_success").orElse(true);
        boolean onFailure = json.bool("on_failure").orElse(true);
        boolean onDeletion = json.bool("on_deletion").orElse(false);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            long userId = new JobReferences(sql).user(username);
            int changed = sql.update("""
                    INSERT INTO notified_users (user_id, job_id, on_success, on_failure, on_deletion) VALUES (?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE on_success = VALUES(on_success), on_failure = VALUES(on_failure),
                        on_deletion = VALUES(on_deletion)""", userId, jobId, onSuccess, onFailure, onDeletion);
            return HttpResponse.<NotifiedUser>status(changed == 1 ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(NotifiedUsers.one(sql, jobId, userId));
        });
    }

    /** 204 also when the user was not on the list; 404 when the job or the user does not exist. */
    @Delete("/{username}")
    public HttpResponse<Void> remove(@PathVariable String job, @PathVariable String username) {
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            return sql.update("DELETE FROM notified_users WHERE job_id = ? AND user_id = ?", jobId,
                    new JobReferences(sql).user(username));
        });
        return HttpResponse.noContent();
    }
}
