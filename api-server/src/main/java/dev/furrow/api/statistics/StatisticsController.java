package dev.furrow.api.statistics;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.store.Database;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.swagger.v3.oas.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Farm statistics for the web UI's charts (Furrow additions, read-only): the samples the scheduler-worker writes
 * to PyFarm's statistics tables, as paged lists, and the live task counts of a few jobs.
 */
@Controller("/api/v1/statistics")
public final class StatisticsController {

    static final int MAX_JOBS = 1000;

    private final Database database;

    public StatisticsController(Database database) {
        this.database = database;
    }

    @Get("/agent_counts")
    public HttpResponse<List<AgentCount>> agentCounts(@RequestBean SampleWindow window,
                                                      @RequestBean ListParameters list) {
        var page = list.page(FarmStatistics.AGENT_COUNTS);
        return database.inTransaction(FarmStatistics::new, s -> s.agentCounts(window, page)).response(list);
    }

    @Get("/task_counts")
    public HttpResponse<List<TaskCount>> taskCounts(@RequestBean SampleWindow window, @RequestBean QueueFilter queue,
                                                    @RequestBean ListParameters list) {
        var page = list.page(FarmStatistics.TASK_COUNTS);
        return database.inTransaction(FarmStatistics::new, s -> s.taskCounts(window, queue, page)).response(list);
    }

    @Get("/task_event_counts")
    public HttpResponse<List<TaskEventCount>> taskEventCounts(@RequestBean SampleWindow window,
                                                              @RequestBean QueueFilter queue,
                                                              @RequestBean ListParameters list) {
        var page = list.page(FarmStatistics.TASK_EVENT_COUNTS);
        return database.inTransaction(FarmStatistics::new, s -> s.taskEventCounts(window, queue, page)).response(list);
    }

    /** One item per named job that exists, by job id; not paged (at most 1000 jobs per request). */
    @Get("/job_task_counts")
    public List<JobTaskCounts> jobTaskCounts(
            @Nullable @QueryValue("job") @Parameter(description = "a job id; repeat for several jobs") List<String> job) {
        List<Long> ids = jobIds(job);
        return database.inTransaction(FarmStatistics::new, s -> s.jobTaskCounts(ids));
    }

    private static List<Long> jobIds(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw ApiException.badRequest("name the jobs to count: job=<id>, repeated for several jobs");
        }
        if (values.size() > MAX_JOBS) {
            throw ApiException.badRequest("at most " + MAX_JOBS + " jobs per request, not " + values.size());
        }
        List<Long> ids = new ArrayList<>(values.size());
        for (String value : values) {
            if (!value.matches("[0-9]{1,18}")) {
                throw ApiException.badRequest("job must be a job id (a whole number), not '" + value + "'");
            }
            ids.add(Long.parseLong(value));
        }
        return ids;
    }
}
