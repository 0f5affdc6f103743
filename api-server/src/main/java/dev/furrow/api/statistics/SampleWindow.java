package dev.furrow.api.statistics;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.listing.ListQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The time range of statistics samples a request asks for: {@code since} inclusive, {@code until} exclusive. */
@Introspected
public record SampleWindow(
        @Nullable @QueryValue @Schema(description = "only samples at or after this time: ISO-8601, UTC when it has "
                + "no offset, e.g. 2026-11-23T17:00:00 or 2026-11-23T18:00:00+01:00")
        String since,
        @Nullable @QueryValue @Schema(description = "only samples before this time (same form as since)")
        String until) {

    /** Narrows {@code query} to the rows whose {@code column} lies in the window. */
    void narrow(ListQuery query, String column) {
        Instant from = time("since", since);
        Instant to = time("until", until);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.badRequest("until (" + until + ") must be after since (" + since + ")");
        }
        if (from != null) {
            query.where(column + " >= ?", from);
        }
        if (to != null) {
            query.where(column + " < ?", to);
        }
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // PyFarm writes times in UTC without an offset; read them back the same way.
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + " must be an ISO-8601 time like 2026-11-23T17:00:00 (UTC) or "
                        + "2026-11-23T18:00:00+01:00, not '" + value + "'");
            }
        }
    }
}
