package dev.furrow.api.tasks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One task in PyFarm's JSON form: the list fields, its job and its agent (GET /jobs/{job}/tasks/{id}).
 *
 * @param parents  always empty: Furrow has no task dependencies
 * @param children always empty: Furrow has no task dependencies
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Task")
public record Task(@JsonUnwrapped TaskSummary summary, Job job, @Nullable Agent agent, boolean sentToAgent,
                   List<Long> parents, List<Long> children) {

    /** The job a task belongs to. */
    @Schema(name = "TaskJob")
    public record Job(long id, String title) {
    }

    /** The agent that holds a task. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "TaskAgent")
    public record Agent(String id, String hostname, int port, @Nullable String remoteIp) {
    }
}
