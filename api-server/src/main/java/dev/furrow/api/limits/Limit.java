package dev.furrow.api.limits;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A named capacity shared by the assigned tasks of the jobs that declare it.
 *
 * @param inUse what the assigned tasks hold now
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Limit")
public record Limit(long id, String name, int capacity, @Nullable String description,
                    long inUse) {
}
