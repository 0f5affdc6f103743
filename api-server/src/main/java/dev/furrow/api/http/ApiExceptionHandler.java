package dev.furrow.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** Turns the API's own refusals into {"error": "..."} with their status. */
@Singleton
public final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Map<String, String>>> {

    @Override
    public HttpResponse<Map<String, String>> handle(HttpRequest request, ApiException exception) {
        return HttpResponse.<Map<String, String>>status(exception.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", exception.getMessage()));
    }
}
