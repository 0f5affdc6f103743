package dev.furrow.api.jobs;

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

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Users to notify about a job's success, failure or deletion (PyFarm's notified_users API). */
@Controller("/api/v1/jobs/{job}/notified_users")
public final class NotifiedUsersController {

    private static final Ordering ORDER = Ordering.by("username", text("u.username")).or("id", number("u.id"));

    private final Database database;

    public NotifiedUsersController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<Map<String, Object>>> list(@PathVariable String job, @RequestBean ListParameters list) {
        PageRequest page = list.page(ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            return ListQuery.select("u.id, u.username, u.email, n.on_success, n.on_failure, n.on_deletion",
                            "notified_users n JOIN users u ON u.id = n.user_id")
                    .where("n.job_id = ?", JobFinder.find(sql, job))
                    .page(sql, page, row -> {
                        Map<String, Object> user = user(row.getLong("id"), row.getString("username"), row.getString("email"));
                        user.put("on_success", row.getBoolean("on_success"));
                        user.put("on_failure", row.getBoolean("on_failure"));
                        user.put("on_deletion", row.getBoolean("on_deletion"));
                        return user;
                    });
        }).response(list);
    }

    /** Adds the user (201), or updates the flags of a user already on the list (200). */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> add(@PathVariable String job, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("username", "on_success", "on_failure", "on_deletion"))
                .require("username");
        String username = json.string("username").orElseThrow();
        boolean onSuccess = json.bool("on_success").orElse(true);
        boolean onFailure = json.bool("on_failure").orElse(true);
        boolean onDeletion = json.bool("on_deletion").orElse(false);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            Map<String, Object> user = findUser(sql, username);
            int changed = sql.update("""
                    INSERT INTO notified_users (user_id, job_id, on_success, on_failure, on_deletion) VALUES (?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE on_success = VALUES(on_success), on_failure = VALUES(on_failure),
                        on_deletion = VALUES(on_deletion)""", user.get("id"), jobId, onSuccess, onFailure, onDeletion);
            return HttpResponse.<Map<String, Object>>status(changed == 1 ? HttpStatus.CREATED : HttpStatus.OK).body(user);
        });
    }

    /** 204 also when the user was not on the list; 404 when the job or the user does not exist. */
    @Delete("/{username}")
    public HttpResponse<Void> remove(@PathVariable String job, @PathVariable String username) {
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            long jobId = JobFinder.find(sql, job);
            return sql.update("DELETE FROM notified_users WHERE job_id = ? AND user_id = ?", jobId, findUser(sql, username).get("id"));
        });
        return HttpResponse.noContent();
    }

    private static Map<String, Object> findUser(Sql sql, String username) throws SQLException {
        return sql.one("SELECT id, username, email FROM users WHERE username = ?",
                        row -> user(row.getLong("id"), row.getString("username"), row.getString("email")), username)
                .orElseThrow(() -> ApiException.notFound("user '" + username + "' not found"));
    }

    private static Map<String, Object> user(long id, String username, String email) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("username", username);
        user.put("email", email);
        return user;
    }
}
