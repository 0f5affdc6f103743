package dev.furrow.api.statistics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One row of PyFarm's {@code task_counts}: how many tasks of one job queue's jobs were in each state.
 *
 * @param countedTime when the sample was taken (UTC)
 * @param jobQueueId  null for the tasks of jobs in no queue
 * @param jobqueue    the queue's full path; null for jobs in no queue
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TaskCount")
public record TaskCount(long id, String countedTime, @Nullable Long jobQueueId, @Nullable String jobqueue,
                        int totalQueued, int totalRunning, int totalDone, int totalFailed) {
}
