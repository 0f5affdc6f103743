package dev.furrow.api.jobtypes;

import io.swagger.v3.oas.annotations.media.Schema;

/** A job type as GET /api/v1/jobtypes/ lists it. */
@Schema(name = "JobTypeSummary")
public record JobTypeSummary(long id, String name) {
}
