package dev.furrow.agent.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/** Micronaut's own errors (unknown route, wrong method, unreadable body) in PyFarm's form {"error": "..."}. */
@Singleton
@Primary
public final class JsonErrorResponses implements ErrorResponseProcessor<Map<String, String>> {

    @Override
    public MutableHttpResponse<Map<String, String>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String message = context.getErrors().stream().findFirst().map(Error::getMessage)
                .orElseGet(response::reason);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Map.of("error", message));
    }
}
