package dev.furrow.api.jobqueues;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.jobs.JobSummary;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A job queue with its parent and its jobs (GET /jobqueues/{queue}). */
@Schema(name = "JobQueue")
public record JobQueue(@JsonUnwrapped Summary summary, @Nullable Parent parent, List<JobSummary> jobs) {

    /**
     * A job queue as GET /jobqueues/ lists it.
     *
     * @param fullpath parent names and this name, joined by '/'
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobQueueSummary")
    public record Summary(long id, String name, String fullpath, int priority, int weight,
                          @Nullable Integer minimumAgents, @Nullable Integer maximumAgents,
                          @Nullable Long parentJobqueueId) {
    }

    /** The queue a queue sits in. */
    @Schema(name = "JobQueueParent")
    public record Parent(long id, String name) {
    }
}
