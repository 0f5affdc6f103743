package dev.furrow.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Starts the api-server: migrates the database, connects to the broker, serves /api/v1. The OpenAPI description
 * of every route is generated from the controllers at compile time (META-INF/swagger/furrow-api-1.yml).
 */
@OpenAPIDefinition(info = @Info(title = "furrow-api", version = "1",
        description = "Furrow's PyFarm 0.8.7 compatible master API, with Furrow's additions (docs/api.md)"))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
