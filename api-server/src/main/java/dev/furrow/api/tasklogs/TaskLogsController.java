package dev.furrow.api.tasklogs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.agents.AgentId;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.http.StateNames;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.store.logs.TaskLogFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** Task logs of one task attempt (PyFarm's tasklogs API): registration, metadata and the CSV log itself. */
@Controller("/api/v1/jobs/{job}/tasks/{task}/attempts/{attempt}/logs")
public final class TaskLogsController {

    private static final MediaType CSV = MediaType.of("text/csv");

    /**
     * The body of POST .../logs/: registers a log with the attempt.
     *
     * @param identifier the log's file name: letters, digits, '.', '_', '-'
     * @param agentId    the agent that wrote it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "TaskLogRegistration")
    record Registration(String identifier, @Nullable String agentId) {
    }

    /**
     * The body of POST .../logs/{identifier}: the state of the attempt the log belongs to.
     *
     * @param state queued, running, paused, failed or done
     */
    @Schema(name = "TaskLogUpdate")
    record AttemptState(@Nullable String state) {
    }

    private final Database database;
    private final TaskLogFiles files;

    public TaskLogsController(Database database, TaskLogFiles files) {
        this.database = database;
        this.files = files;
    }

    @Get("/")
    public HttpResponse<List<TaskLog>> list(@PathVariable String job, @PathVariable String task,
                                            @PathVariable String attempt, @RequestBean ListParameters list) {
        PageRequest page = list.page(TaskLogRegistry.ORDER);
        return database.inTransaction(TaskLogRegistry::new,
                registry -> registry.logsOf(registry.attempt(job, task, attempt), page)).response(list);
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = Registration.class)))
    public TaskLog register(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                            @Nullable @Body String body) {
        JsonRequest request = JsonRequest.parse(body).matching(Registration.class);
        String identifier = TaskLogRegistry.checkIdentifier(request.string("identifier").orElseThrow());
        String agentId = request.string("agent_id").map(AgentId::parse).orElse(null);
        return database.inTransaction(TaskLogRegistry::new,
                registry -> registry.register(registry.attempt(job, task, attempt), identifier, agentId, Instant.now()));
    }

    @Get("/{identifier}")
    public TaskLog get(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                       @PathVariable String identifier) {
        TaskLogRegistry.checkIdentifier(identifier);
        return database.inTransaction(TaskLogRegistry::new, registry -> registry.requireLog(registry.attempt(job, task, attempt), identifier));
    }

    /** Updates what PyFarm lets agents update on a log: the state of the attempt it belongs to. */
    @Post("/{identifier}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = AttemptState.class)))
    public TaskLog update(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                          @PathVariable String identifier, @Nullable @Body String body) {
        TaskLogRegistry.checkIdentifier(identifier);
        JsonRequest request = JsonRequest.parse(body).matching(AttemptState.class);
        String state = StateNames.work("state", request.string("state").orElse(null));
        return database.inTransaction(TaskLogRegistry::new, registry -> {
            TaskLogRegistry.Attempt at = registry.attempt(job, task, attempt);
            registry.requireLog(at, identifier);
            registry.setState(at, identifier, state);
            return registry.requireLog(at, identifier);
        });
    }

    @Get("/{identifier}/logfile")
    @ApiResponse(responseCode = "200", description = "the log: time, stream (0 stdout, 1 stderr), line number, pid, message",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    public HttpResponse<StreamedFile> logfile(@PathVariable String job, @PathVariable String task,
                                              @PathVariable String attempt, @PathVariable String identifier) {
        TaskLogRegistry.checkIdentifier(identifier);
        database.inTransaction(TaskLogRegistry::new, registry -> registry.requireLog(registry.attempt(job, task, attempt), identifier));
        InputStream content = files.open(identifier)
                .orElseThrow(() -> ApiException.notFound("log '" + identifier + "' has no content yet"));
        return HttpResponse.ok(new StreamedFile(content, CSV)).contentType(CSV);
    }

    /** Replaces the stored log with the request body (PyFarm: agents upload finished logs this way). */
    @Put("/{identifier}/logfile")
    @Consumes(MediaType.ALL)
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    public HttpResponse<Void> upload(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                                     @PathVariable String identifier, @Nullable @Body byte[] body) {
        TaskLogRegistry.checkIdentifier(identifier);
        database.inTransaction(TaskLogRegistry::new, registry -> registry.requireLog(registry.attempt(job, task, attempt), identifier));
        files.replace(identifier, new ByteArrayInputStream(body == null ? new byte[0] : body));
        return HttpResponse.status(HttpStatus.CREATED);
    }
}
