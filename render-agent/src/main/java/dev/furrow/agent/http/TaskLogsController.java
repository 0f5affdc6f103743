package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.logs.LogIdentifier;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.SystemFile;

import java.nio.file.Files;
import java.nio.file.Path;

/** GET /api/v1/tasklogs/<identifier>: one task log as CSV, from --task-log-dir. */
@Controller("/api/v1/tasklogs")
public final class TaskLogsController {

    private static final MediaType CSV = MediaType.of("text/csv");

    private final Agent agent;

    public TaskLogsController(Agent agent) {
        this.agent = agent;
    }

    @Get("/{identifier}")
    public SystemFile log(@PathVariable String identifier) {
        if (!LogIdentifier.isValid(identifier)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "not a task log identifier: '" + identifier
                    + "' (a plain file name like 2026-11-23_16-05-00_42_<hex>.csv)");
        }
        Path file = agent.config().taskLogDir().resolve(identifier);
        if (!Files.isRegularFile(file)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no task log named " + identifier + " on this agent");
        }
        return new SystemFile(file.toFile(), CSV);
    }
}
