package dev.furrow.api.tasks;

import dev.furrow.api.http.StateNames;
import dev.furrow.api.listing.ListQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** The filter of the task lists (Furrow addition). */
@Introspected
public record TaskFilter(
        @Nullable @QueryValue @Schema(description = "only tasks in this state: queued, running, paused, failed, done")
        String state) {

    /** Expects the task as {@code t}. */
    void narrow(ListQuery query) {
        if (state != null) {
            query.where("t.state = ?", StateNames.work("state", state));
        }
    }
}
