package dev.furrow.api.software;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A software a job or job type version requires, optionally between two versions (by rank). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "SoftwareRequirement")
public record SoftwareRequirement(String software, long softwareId, @Nullable String minVersion,
                                  @Nullable Long minVersionId, @Nullable String maxVersion, @Nullable Long maxVersionId) {
}
