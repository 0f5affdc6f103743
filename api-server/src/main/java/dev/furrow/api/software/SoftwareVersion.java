package dev.furrow.api.software;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One version of a software (GET /software/{software}/versions/{version}).
 *
 * @param rank higher is newer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "SoftwareVersion")
public record SoftwareVersion(String version, long id, int rank,
                              @Nullable String discoveryFunctionName) {
}
