package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A user told by e-mail about a job's success, failure or deletion. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "NotifiedUser")
public record NotifiedUser(long id, String username, @Nullable String email, boolean onSuccess, boolean onFailure,
                           boolean onDeletion) {
}
