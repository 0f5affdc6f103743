package dev.furrow.api.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the OpenAPI document that micronaut-openapi generates from the controllers at compile time, so it lists
 * exactly the routes this build has.
 */
@Controller("/api/v1")
public final class OpenApiController {

    /** Named after the title and version in Application's {@code @OpenAPIDefinition}. */
    static final String RESOURCE = "/META-INF/swagger/furrow-api-1.yml";
    private static final MediaType YAML = MediaType.of("application/yaml");

    private final String document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar; build the api-server with "
                        + "the micronaut-openapi annotation processor (api-server/pom.xml)");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    @Get("/openapi.yml")
    @Produces("application/yaml")
    public HttpResponse<String> openapi() {
        return HttpResponse.ok(document).contentType(YAML);
    }
}
