package dev.furrow.api.pathmaps;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Equivalent path prefixes on the three operating systems, optionally only for agents with a tag. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "PathMap")
public record PathMap(long id, String pathLinux, String pathWindows, String pathOsx, @Nullable String tag) {
}
