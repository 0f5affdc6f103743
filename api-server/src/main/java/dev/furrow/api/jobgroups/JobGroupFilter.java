package dev.furrow.api.jobgroups;

import dev.furrow.api.listing.ListQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** The filter of GET /api/v1/jobgroups/ (Furrow addition). */
@Introspected
record JobGroupFilter(@Nullable @QueryValue @Schema(description = "only groups of this user (username)") String user) {

    /** Expects the group's user as {@code u}. */
    void narrow(ListQuery query) {
        if (user != null) {
            query.where("u.username = ?", user);
        }
    }
}
