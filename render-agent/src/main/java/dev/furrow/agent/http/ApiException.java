package dev.furrow.agent.http;

import io.micronaut.http.HttpStatus;

/** A request the agent refuses; answered as {"error": message} with {@code status}. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
