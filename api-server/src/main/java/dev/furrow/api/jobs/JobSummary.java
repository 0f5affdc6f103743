package dev.furrow.api.jobs;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job as lists show it.
 *
 * @param state queued, running, paused, failed or done
 */
@Schema(name = "JobSummary")
public record JobSummary(long id, String title, String state) {
}
