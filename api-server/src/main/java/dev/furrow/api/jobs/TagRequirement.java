package dev.furrow.api.jobs;

import io.swagger.v3.oas.annotations.media.Schema;

/** A tag an agent must have to run a job, or, negated, must not have. */
@Schema(name = "TagRequirement")
public record TagRequirement(String tag,
                             @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean negate) {
}
