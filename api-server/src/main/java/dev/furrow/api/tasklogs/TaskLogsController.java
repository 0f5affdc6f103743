package dev.furrow.api.tasklogs;

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
import io.micronaut.http.server.types.files.StreamedFile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Task logs of one task attempt (PyFarm's tasklogs API): registration, metadata and the CSV log itself. */
@Controller("/api/v1/jobs/{job}/tasks/{task}/attempts/{attempt}/logs")
public final class TaskLogsController {

    private static final MediaType CSV = MediaType.of("text/csv");

    private final Database database;
    private final TaskLogFiles files;

    public TaskLogsController(Database database, TaskLogFiles files) {
        this.database = database;
        this.files = files;
    }

    @Get("/")
    public HttpResponse<List<Map<String, Object>>> list(@PathVariable String job, @PathVariable String task,
                                                        @PathVariable String attempt, @RequestBean ListParameters list) {
        PageRequest page = list.page(TaskLogRegistry.ORDER);
        return database.inTransaction(TaskLogRegistry::new,
                registry -> registry.logsOf(registry.attempt(job, task, attempt), page)).response(list);
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> register(@PathVariable String job, @PathVariable String task,
                                                      @PathVariable String attempt, @Nullable @Body String body) {
        JsonRequest request = JsonRequest.parse(body).allowOnly(Set.of("identifier", "agent_id")).require("identifier");
        String identifier = TaskLogRegistry.checkIdentifier(request.string("identifier").orElseThrow());
        String agentId = request.string("agent_id").map(AgentId::parse).orElse(null);
        Map<String, Object> log = database.inTransaction(TaskLogRegistry::new, registry -> registry.register(registry.attempt(job, task, attempt), identifier, agentId, Instant.now()));
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(log);
    }

    @Get("/{identifier}")
    public Map<String, Object> get(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                                   @PathVariable String identifier) {
        TaskLogRegistry.checkIdentifier(identifier);
        return database.inTransaction(TaskLogRegistry::new, registry -> registry.requireLog(registry.attempt(job, task, attempt), identifier));
    }

    /** Updates what PyFarm lets agents update on a log: the state of the attempt it belongs to. */
    @Post("/{identifier}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                                      @PathVariable String identifier, @Nullable @Body String body) {
        TaskLogRegistry.checkIdentifier(identifier);
        JsonRequest request = JsonRequest.parse(body).allowOnly(Set.of("state"));
        String state = StateNames.work("state", request.string("state").orElse(null));
        return database.inTransaction(TaskLogRegistry::new, registry -> {
            TaskLogRegistry.Attempt at = registry.attempt(job, task, attempt);
            registry.requireLog(at, identifier);
            registry.setState(at, identifier, state);
            return registry.requireLog(at, identifier);
        });
    }

    @Get("/{identifier}/logfile")
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
    public HttpResponse<Void> upload(@PathVariable String job, @PathVariable String task, @PathVariable String attempt,
                                     @PathVariable String identifier, @Nullable @Body byte[] body) {
        TaskLogRegistry.checkIdentifier(identifier);
        database.inTransaction(TaskLogRegistry::new, registry -> registry.requireLog(registry.attempt(job, task, attempt), identifier));
        files.replace(identifier, new ByteArrayInputStream(body == null ? new byte[0] : body));
        return HttpResponse.status(HttpStatus.CREATED);
    }
}
