package dev.furrow.api.statistics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One row of PyFarm's {@code task_event_counts}: what happened to one job queue's tasks between two samples.
 *
 * @param timeStart    start of the interval (UTC)
 * @param timeEnd      end of the interval (UTC)
 * @param jobQueueId   null for the tasks of jobs in no queue
 * @param jobqueue     the queue's full path; null for jobs in no queue
 * @param numRestarted of the tasks started in the interval, those on an attempt after their first
 * @param numDeleted   tasks deleted in the interval (jobs deleted, frame ranges shrunk)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TaskEventCount")
public record TaskEventCount(long id, String timeStart, String timeEnd, @Nullable Long jobQueueId,
                             @Nullable String jobqueue, int numNew, int numDeleted, int numRestarted, int numStarted,
                             int numFailed, int numDone) {
}
