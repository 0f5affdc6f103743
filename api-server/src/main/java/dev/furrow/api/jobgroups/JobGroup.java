package dev.furrow.api.jobgroups;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.jobs.JobSummary;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A job group with its jobs (GET /jobgroups/{id}). */
@Schema(name = "JobGroup")
public record JobGroup(@JsonUnwrapped Summary summary, List<JobSummary> jobs) {

    /** A job group as GET /jobgroups/ lists it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobGroupSummary")
    public record Summary(long id, String title, String mainJobtype, @Nullable String user) {
    }

    /** The answer of GET /jobgroups/{id}/jobs. */
    @Schema(name = "JobGroupJobs")
    public record Jobs(List<Job> jobs) {
    }

    /** A job of a group with its task counts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "JobGroupJob")
    public record Job(long id, String title, String state, long jobtypeId, String jobtype, long tasksQueued,
                      long tasksRunning, long tasksDone, long tasksFailed) {
    }
}
