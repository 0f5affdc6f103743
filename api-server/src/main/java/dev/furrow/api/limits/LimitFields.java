package dev.furrow.api.limits;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Optional;

/** A validated POST /api/v1/limits/ (create) or POST /api/v1/limits/{limit} (update) body. */
record LimitFields(Optional<String> name, Optional<Integer> capacity, Optional<String> description, boolean descriptionGiven) {

    static final int MAX_NAME_LENGTH = 64;

    /**
     * The body of POST /limits/.
     *
     * @param name     1-64 characters, not all digits
     * @param capacity 0 or more; 0 holds every task back
     */
    @Schema(name = "LimitRequest")
    record New(String name, int capacity, @Nullable String description) {
    }

    /** The body of POST /limits/{limit}: what changes. */
    @Schema(name = "LimitUpdate")
    record Change(@Nullable Integer capacity, @Nullable String description) {
    }

    static LimitFields forCreate(JsonRequest body) {
        body.matching(New.class);
        String name = body.string("name").orElseThrow();
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.matches("[0-9]+") || name.equals("schema")) {
            throw ApiException.badRequest("a limit name has 1 to " + MAX_NAME_LENGTH
                    + " characters and is neither a number nor 'schema': '" + name + "'");
        }
        return new LimitFields(Optional.of(name), capacity(body), body.string("description"), body.has("description"));
    }

    static LimitFields forUpdate(JsonRequest body) {
        body.matching(Change.class);
        return new LimitFields(Optional.empty(), capacity(body), body.string("description"), body.has("description"));
    }

    private static Optional<Integer> capacity(JsonRequest body) {
        Optional<Integer> capacity = body.integer("capacity");
        capacity.ifPresent(c -> {
            if (c < 0) {
                throw ApiException.badRequest("capacity (" + c + ") must be 0 or more (0 holds every task back)");
            }
        });
        return capacity;
    }
}
