package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/statistics/...: the samples the scheduler-worker writes to PyFarm's statistics tables, read back as
 * paged lists within a time window and per job queue, and the live task counts of jobs.
 */
class StatisticsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    static long lighting;
    static long fx;

    @BeforeAll
    static void threeHoursOfSamples() throws Exception {
        lighting = created(api.post("/api/v1/jobqueues/", "{\"name\": \"lighting\"}")).get("id").asLong();
        fx = created(api.post("/api/v1/jobqueues/", ApiServer.json(Map.of("name", "fx", "parent_jobqueue_id", lighting))))
                .get("id").asLong();
        try (Connection c = api.database().connect()) {
            for (int hour = 10; hour <= 12; hour++) {
                String at = "2026-11-23 " + hour + ":00:00";
                insert(c, "INSERT INTO agent_counts VALUES (?, ?, ?, ?, ?)", at, hour, hour - 10, 1, 0);
                for (Long queue : new Long[]{null, lighting, fx}) {
                    insert(c, """
                            INSERT INTO task_counts (counted_time, job_queue_id, total_queued, total_running,
                                                     total_done, total_failed) VALUES (?, ?, ?, ?, ?, ?)""",
                            at, queue, 100 - hour, 4, hour, 1);
                    insert(c, """
                            INSERT INTO task_event_counts (time_start, time_end, job_queue_id, num_new, num_started,
                                                           num_restarted, num_failed, num_done, num_deleted)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                            at, "2026-11-23 " + hour + ":15:00", queue, 8, 6, 2, 1, hour, 3);
                }
            }
        }
    }

    static void insert(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    static JsonNode created(ApiServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply.json();
    }

    static JsonNode ok(String path) {
        ApiServer.Reply reply = api.get(path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    static List<String> texts(JsonNode list, String field) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    @Test
    void agentCountsAreListedOldestFirstWithTheirPyFarmColumns() {
        JsonNode counts = ok("/api/v1/statistics/agent_counts/");

        assertThat(texts(counts, "counted_time"))
                .containsExactly("2026-11-23T10:00:00.000000", "2026-11-23T11:00:00.000000", "2026-11-23T12:00:00.000000");
        JsonNode last = counts.get(2);
        assertThat(last.get("num_online").asInt()).isEqualTo(12);
        assertThat(last.get("num_running").asInt()).isEqualTo(2);
        assertThat(last.get("num_offline").asInt()).isEqualTo(1);
        assertThat(last.get("num_disabled").asInt()).isZero();
    }

    @Test
    void sinceIsInclusiveUntilIsExclusiveAndAnOffsetIsHonoured() {
        assertThat(texts(ok("/api/v1/statistics/agent_counts/?since=2026-11-23T11:00:00&until=2026-11-23T12:00:00"),
                "counted_time")).containsExactly("2026-11-23T11:00:00.000000");
        assertThat(texts(ok("/api/v1/statistics/agent_counts/?since=2026-11-23T12:30:00%2B01:00"), "counted_time"))
                .containsExactly("2026-11-23T12:00:00.000000");
        assertThat(texts(ok("/api/v1/statistics/agent_counts/?since=2026-11-23T11:30:00Z"), "counted_time"))
                .containsExactly("2026-11-23T12:00:00.000000");
    }

    @Test
    void aPagedWalkFollowsTheNextCursorInEitherOrder() {
        ApiServer.Reply first = api.get("/api/v1/statistics/agent_counts/?sort=-counted_time&limit=2");
        assertThat(texts(first.json(), "counted_time"))
                .containsExactly("2026-11-23T12:00:00.000000", "2026-11-23T11:00:00.000000");
        String cursor = first.header("X-Next-Cursor");
        assertThat(cursor).isNotBlank();
        assertThat(first.header("Link")).contains("cursor=" + cursor, "rel=\"next\"");

        ApiServer.Reply second = api.get("/api/v1/statistics/agent_counts/?limit=2&cursor=" + cursor);
        assertThat(texts(second.json(), "counted_time")).containsExactly("2026-11-23T10:00:00.000000");
        assertThat(second.header("X-Next-Cursor")).isNull();
    }

    @Test
    void taskCountsNameTheirQueueAndCanBeNarrowedToOneQueue() {
        JsonNode all = ok("/api/v1/statistics/task_counts/?since=2026-11-23T12:00:00");
        assertThat(all).hasSize(3);
        assertThat(texts(all, "jobqueue")).containsExactlyInAnyOrder("null", "lighting", "lighting/fx");

        JsonNode fxOnly = ok("/api/v1/statistics/task_counts/?queue=lighting/fx");
        assertThat(fxOnly).hasSize(3);
        assertThat(texts(fxOnly, "job_queue_id")).containsOnly(String.valueOf(fx));
        JsonNode noon = fxOnly.get(2);
        assertThat(noon.get("counted_time").asText()).isEqualTo("2026-11-23T12:00:00.000000");
        assertThat(noon.get("total_queued").asInt()).isEqualTo(88);
        assertThat(noon.get("total_running").asInt()).isEqualTo(4);
        assertThat(noon.get("total_done").asInt()).isEqualTo(12);
        assertThat(noon.get("total_failed").asInt()).isEqualTo(1);
        assertThat(ok("/api/v1/statistics/task_counts/?queue=" + lighting)).hasSize(3);
    }

    @Test
    void taskEventCountsCoverTheirIntervalPerQueue() {
        JsonNode events = ok("/api/v1/statistics/task_event_counts/?queue=lighting&since=2026-11-23T11:00:00");

        assertThat(events).hasSize(2);
        JsonNode eleven = events.get(0);
        assertThat(eleven.get("time_start").asText()).isEqualTo("2026-11-23T11:00:00.000000");
        assertThat(eleven.get("time_end").asText()).isEqualTo("2026-11-23T11:15:00.000000");
        assertThat(eleven.get("job_queue_id").asLong()).isEqualTo(lighting);
        assertThat(eleven.get("jobqueue").asText()).isEqualTo("lighting");
        assertThat(eleven.get("num_new").asInt()).isEqualTo(8);
        assertThat(eleven.get("num_started").asInt()).isEqualTo(6);
        assertThat(eleven.get("num_failed").asInt()).isEqualTo(1);
        assertThat(eleven.get("num_done").asInt()).isEqualTo(11);
        assertThat(eleven.get("num_restarted").asInt()).isEqualTo(2);
        assertThat(eleven.get("num_deleted").asInt()).isEqualTo(3);
    }

    @Test
    void jobTaskCountsCountEachNamedJobsTasksByState() {
        long job = created(api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "counted", "jobtype", "command",
                "start", 1, "end", 4)))).get("id").asLong();
        long task = ok("/api/v1/jobs/" + job + "/tasks/").get(0).get("id").asLong();
        created(api.post("/api/v1/jobs/" + job + "/tasks/" + task, "{\"state\": \"done\"}"));

        JsonNode counts = ok("/api/v1/statistics/job_task_counts/?job=" + job + "&job=987654");

        assertThat(counts).hasSize(1);
        JsonNode counted = counts.get(0);
        assertThat(counted.get("job_id").asLong()).isEqualTo(job);
        assertThat(counted.get("total").asInt()).isEqualTo(4);
        assertThat(counted.get("done").asInt()).isEqualTo(1);
        assertThat(counted.get("queued").asInt()).isEqualTo(3);
        assertThat(counted.get("running").asInt()).isZero();
        assertThat(counted.get("failed").asInt()).isZero();
        assertThat(ok("/api/v1/statistics/job_task_counts/?job=" + job + ",987654")).isEqualTo(counts);
    }

    @Test
    void badParametersAreRefusedWithTheReason() {
        Map<String, String> refusals = Map.of(
                "/api/v1/statistics/agent_counts/?since=yesterday", "since must be an ISO-8601 time",
                "/api/v1/statistics/task_counts/?since=2026-11-23T12:00:00&until=2026-11-23T11:00:00", "must be after since",
                "/api/v1/statistics/task_event_counts/?limit=0", "limit must be between 1 and 10000",
                "/api/v1/statistics/task_counts/?sort=queue", "sort must be one of [counted_time, id]",
                "/api/v1/statistics/agent_counts/?cursor=nonsense", "cursor is not one this server handed out",
                "/api/v1/statistics/job_task_counts/", "name the jobs to count",
                "/api/v1/statistics/job_task_counts/?job=one", "job must be a job id");
        refusals.forEach((path, reason) -> {
            ApiServer.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).as(path).contains(reason);
        });

        ApiServer.Reply unknownQueue = api.get("/api/v1/statistics/task_event_counts/?queue=nowhere");
        assertThat(unknownQueue.status()).isEqualTo(404);
        assertThat(unknownQueue.json().get("error").asText()).isEqualTo("jobqueue 'nowhere' not found");
    }
}
