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

    /**
     * Narrows a query of jobs {@code j}. The names are resolved in subqueries, so that an unfiltered page is a plain
     * walk of the jobs in key order.
     */
    public void narrow(ListQuery query) {
        if (state != null) {
            query.where("j.state = ?", StateNames.work("state", state));
        }
        if (queue != null) {
            query.where("j.job_queue_id IN (SELECT id FROM job_queues WHERE name = ?)", queue);
        }
        if (user != null) {
            query.where("j.user_id IN (SELECT id FROM users WHERE username = ?)", user);
        }
        if (jobtype != null) {
            query.where("""
                    j.jobtype_version_id IN (SELECT v.id FROM jobtype_versions v JOIN jobtypes t ON t.id = v.jobtype_id
                    WHERE t.name = ?)""", jobtype);
        }
    }
}
