package dev.furrow.api.http;

import dev.furrow.api.store.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** A database failure is the server's problem, not the request's: 503 so that clients retry. */
@Singleton
public final class DatabaseUnavailableHandler
        implements ExceptionHandler<Database.DatabaseUnavailable, HttpResponse<Map<String, String>>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    @Override
    public HttpResponse<Map<String, String>> handle(HttpRequest request, Database.DatabaseUnavailable exception) {
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", "the database is not available; retry later"));
    }
}
