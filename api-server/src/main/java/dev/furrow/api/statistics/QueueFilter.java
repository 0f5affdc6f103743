package dev.furrow.api.statistics;

import dev.furrow.api.jobs.JobReferences;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.store.Sql;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

import java.sql.SQLException;

/** The job queue whose task statistics a request asks for; all queues (and jobs without one) when absent. */
@Introspected
public record QueueFilter(
        @Nullable @QueryValue @Schema(description = "only this job queue: its name, full path or id (404 when "
                + "unknown)")
        String queue) {

    /** Narrows {@code query} to the rows of the queue; 404 when no queue has that name. */
    void narrow(Sql sql, ListQuery query, String column) throws SQLException {
        if (queue != null) {
            query.where(column + " = ?", JobReferences.QUEUES.find(sql, queue));
        }
    }
}
