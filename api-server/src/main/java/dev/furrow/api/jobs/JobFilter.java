package dev.furrow.api.jobs;

import dev.furrow.api.http.StateNames;
import dev.furrow.api.listing.ListQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** Filters of GET /api/v1/jobs/ (Furrow additions; each one narrows PyFarm's full list). */
@Introspected
public record JobFilter(
        @Nullable @QueryValue @Schema(description = "only jobs in this state: queued, running, paused, failed, done")
        String state,
        @Nullable @QueryValue @Schema(description = "only jobs in this job queue (its name)")
        String queue,
        @Nullable @QueryValue @Schema(description = "only jobs of this user (username)")
        String user,
        @Nullable @QueryValue @Schema(description = "only jobs of this job type (its name)")
        String jobtype) {

    /** Narrows a query from {@link JobDocument#LISTED_FROM}. */
    public void narrow(ListQuery query) {
        if (state != null) {
            query.where("j.state = ?", StateNames.work("state", state));
        }
        if (queue != null) {
            query.where("q.name = ?", queue);
        }
        if (user != null) {
            query.where("u.username = ?", user);
        }
        if (jobtype != null) {
            query.where("t.name = ?", jobtype);
        }
    }
}
