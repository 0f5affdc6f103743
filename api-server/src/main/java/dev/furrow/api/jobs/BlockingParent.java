package dev.furrow.api.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A parent job that is not done, so the scheduler dispatches none of its child's tasks: still queued, running or
 * paused, failed (the child waits until it is rerun and done), or being deleted ({@code to_be_deleted}; once it is
 * gone the dependency goes with it and the child runs, as in PyFarm).
 *
 * @param state queued, running, paused or failed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "BlockingParent")
public record BlockingParent(long id, String title, String state, boolean toBeDeleted) {
}
