package dev.furrow.api.jobtypes;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A software requirement of a job type's newest version, in PyFarm's nested form. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "JobTypeSoftwareRequirement")
public record JobTypeRequirement(Software software, @Nullable Version minVersion, @Nullable Version maxVersion,
                                 JobTypeVersionRef jobtypeVersion) {

    /** The required software. */
    @Schema(name = "JobTypeRequirementSoftware")
    public record Software(long id, String software) {
    }

    /** A bound of the version range. */
    @Schema(name = "JobTypeRequirementVersion")
    public record Version(long id, String version) {
    }

    /** The job type version that has the requirement. */
    @Schema(name = "JobTypeVersionRef")
    public record JobTypeVersionRef(long id, String jobtype, int version) {
    }
}
