package dev.furrow.api.limits;

import dev.furrow.api.events.JobEvents;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
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

import java.util.List;
import java.util.Optional;

/**
 * Named capacities shared by the assigned tasks of the jobs (and job type versions) that declare them. Changing or
 * deleting a limit announces {@code JobChanged(UPDATED)} for every unfinished job using it, so the scheduler
 * re-evaluates what it can dispatch.
 */
@Controller("/api/v1/limits")
public final class LimitsController {

    private final Database database;
    private final JobEvents events;

    public LimitsController(Database database, JobEvents events) {
        this.database = database;
        this.events = events;
    }

    @Get("/")
    public HttpResponse<List<Limit>> list(@RequestBean ListParameters list) {
        PageRequest page = list.page(LimitBook.ORDER);
        return database.inTransaction(LimitBook::new, limits -> limits.list(page)).response(list);
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = LimitFields.New.class)))
    public Limit create(@Nullable @Body String body) {
        LimitFields fields = LimitFields.forCreate(JsonRequest.parse(body));
        return database.inTransaction(LimitBook::new, limits -> limits.document(limits.create(fields)));
    }

    @Get("/{limit}")
    public Limit get(@PathVariable String limit) {
        return database.inTransaction(LimitBook::new, limits -> limits.document(limits.find(limit)));
    }

    @Post("/{limit}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = LimitFields.Change.class)))
    public Limit update(@PathVariable String limit, @Nullable @Body String body) {
        LimitFields fields = LimitFields.forUpdate(JsonRequest.parse(body));
        record Updated(Limit document, List<Long> jobs) {
        }
        Updated updated = database.inTransaction(LimitBook::new, limits -> {
            long id = limits.find(limit);
            limits.update(id, fields);
            return new Updated(limits.document(id), limits.unfinishedJobsUsing(id));
        });
        announce(updated.jobs());
        return updated.document();
    }

    /** 204 also when the limit did not exist; the jobs that held it are no longer bound by it. */
    @Delete("/{limit}")
    public HttpResponse<Void> delete(@PathVariable String limit) {
        List<Long> jobs = database.inTransaction(LimitBook::new, limits -> {
            Optional<Long> id = limits.lookup(limit);
            if (id.isEmpty()) {
                return List.<Long>of();
            }
            List<Long> using = limits.unfinishedJobsUsing(id.get());
            limits.delete(id.get());
            return using;
        });
        announce(jobs);
        return HttpResponse.noContent();
    }

    private void announce(List<Long> jobs) {
        for (long job : jobs) {
            events.published(job, JobChanged.Change.UPDATED, List.of());
        }
    }
}
