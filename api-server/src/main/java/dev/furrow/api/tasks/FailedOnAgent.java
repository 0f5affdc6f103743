package dev.furrow.api.tasks;

import io.swagger.v3.oas.annotations.media.Schema;

/** An agent a task failed on (failed_on_agents), which the scheduler avoids for that task. */
@Schema(name = "FailedOnAgent")
public record FailedOnAgent(String id, String hostname) {
}
