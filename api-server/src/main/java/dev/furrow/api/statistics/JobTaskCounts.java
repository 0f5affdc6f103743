package dev.furrow.api.statistics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** How many of one job's tasks are in each state now (the progress the web UI's job list shows). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "JobTaskCounts")
public record JobTaskCounts(long jobId, int total, int queued, int running, int paused, int failed, int done) {
}
