package dev.furrow.api.agentupdates;

import dev.furrow.api.http.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.types.files.SystemFile;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.nio.file.Path;

/** PyFarm's AgentUpdatesAPI: agent update packages uploaded and fetched by version. */
@Controller("/api/v1/agents/updates")
public final class AgentUpdatesController {

    private static final MediaType ZIP = MediaType.of("application/zip");

    private final AgentUpdates updates;

    public AgentUpdatesController(AgentUpdates updates) {
        this.updates = updates;
    }

    /** Stores the zip in the body as the package of {@code version}, replacing an earlier upload. */
    @Put("/{version}")
    @Consumes(MediaType.ALL)
    @RequestBody(content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    public StoredUpdate upload(@PathVariable String version, @Nullable @Body byte[] body) {
        updates.store(version, body);
        return new StoredUpdate(version, body.length);
    }

    @Get("/{version}")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @ApiResponse(responseCode = "200", description = "the update package",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    public HttpResponse<SystemFile> download(@PathVariable String version) {
        Path file = updates.find(version).orElseThrow(() -> ApiException.notFound("no agent update for version '"
                + version + "'; upload one with PUT /api/v1/agents/updates/" + version));
        return HttpResponse.ok(new SystemFile(file.toFile(), ZIP)).contentType(ZIP);
    }
}
