package dev.furrow.api.jobqueues;

import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
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

/** The job queue tree (PyFarm's jobqueues API). */
@Controller("/api/v1/jobqueues")
public final class JobQueuesController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "name", "VARCHAR(255)",
            "minimum_agents", "INTEGER", "maximum_agents", "INTEGER", "priority", "INTEGER", "weight", "INTEGER",
            "parent_jobqueue_id", "INTEGER", "fullpath", "VARCHAR(1024)");

    private final Database database;

    public JobQueuesController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<JobQueue.Summary>> list(@RequestBean ListParameters list) {
        PageRequest page = list.page(JobQueueTree.ORDER);
        return database.inTransaction(JobQueueTree::new, tree -> tree.list(page)).response(list);
    }

    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobQueueFields.Body.class)))
    public JobQueue create(@Nullable @Body String body) {
        JobQueueFields fields = JobQueueFields.read(JsonRequest.parse(body).require("name"));
        return database.inTransaction(JobQueueTree::new, tree -> tree.document(tree.create(fields)));
    }

    @Get("/{queue}")
    public JobQueue get(@PathVariable String queue) {
        return database.inTransaction(JobQueueTree::new, tree -> tree.document(tree.find(queue)));
    }

    @Post("/{queue}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = JobQueueFields.Body.class)))
    public JobQueue update(@PathVariable String queue, @Nullable @Body String body) {
        JobQueueFields fields = JobQueueFields.read(JsonRequest.parse(body));
        return database.inTransaction(JobQueueTree::new, tree -> {
            long id = tree.find(queue);
            tree.update(id, fields);
            return tree.document(id);
        });
    }

    /** 204 also when the queue did not exist; 409 while it holds jobs or child queues. */
    @Delete("/{queue}")
    public HttpResponse<Void> delete(@PathVariable String queue) {
        database.inTransaction(JobQueueTree::new, tree -> tree.deleteIfExists(queue));
        return HttpResponse.noContent();
    }
}
