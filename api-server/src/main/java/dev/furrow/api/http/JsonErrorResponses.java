package dev.furrow.api.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Micronaut's own errors (unknown route 404, wrong method 405, unsupported content type 415, body too large 413,
 * unreadable body 400) in PyFarm's error form {"error": "..."}.
 */
@Singleton
@Primary
public final class JsonErrorResponses implements ErrorResponseProcessor<Map<String, String>> {

    @Override
    public MutableHttpResponse<Map<String, String>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String message = context.getErrors().stream().findFirst().map(Error::getMessage)
                .orElseGet(() -> response.reason());
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Map.of("error", message));
    }
}
