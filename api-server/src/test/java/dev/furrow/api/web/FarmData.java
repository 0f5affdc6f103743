package dev.furrow.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.ApiServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the web UI tests put on the farm, over the REST API as users and agents would (users, which the API cannot
 * create, and statistics samples, which the scheduler-worker writes, go straight to the database), and what they
 * read back from the database to see that a click changed something.
 */
final class FarmData {

    private final ApiServer api;

    FarmData(ApiServer api) {
        this.api = api;
    }

    /** A submitted job and the ids of its tasks in frame order. */
    record Job(long id, List<Long> tasks) {
        String taskPath(int index) {
            return "/api/v1/jobs/" + id + "/tasks/" + tasks.get(index);
        }
    }

    JsonNode ok(ApiServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 204);
        return reply.status() == 204 ? null : reply.json();
    }

    void user(String username) throws Exception {
        sql("INSERT INTO users (username, email) VALUES (?, ?)", username, username + "@example.com");
    }

    long queue(String name) {
        return ok(api.post("/api/v1/jobqueues/", ApiServer.json(Map.of("name", name)))).get("id").asLong();
    }

    /** A job of the command type that never retries a failed task, so failures stay visible. */
    Job job(String title, int frames, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("title", title, "jobtype", "command", "start", 1,
                "end", frames, "requeue", 0, "data", Map.of("command", List.of("echo", "{frame}"))));
        body.putAll(fields);
        long id = ok(api.post("/api/v1/jobs/", ApiServer.json(body))).get("id").asLong();
        List<Long> tasks = new ArrayList<>();
        ok(api.get("/api/v1/jobs/" + id + "/tasks/")).forEach(task -> tasks.add(task.get("id").asLong()));
        return new Job(id, tasks);
    }

    String agent(String hostname) {
        String id = UUID.randomUUID().toString();
        ok(api.post("/api/v1/agents/", ApiServer.json(Map.of("id", id, "hostname", hostname, "port", 50000,
                "cpus", 16, "ram", 65536, "free_ram", 16384))));
        return id;
    }

    /** Reports a task's state as an agent would over REST (running counts an attempt; failed with its error). */
    void report(Job job, int index, Map<String, Object> change) {
        ok(api.post(job.taskPath(index), ApiServer.json(change)));
    }

    /** Registers a log for the task's attempt and uploads its CSV lines. */
    void log(Job job, int index, int attempt, String identifier, String agent, String csv) {
        String logs = job.taskPath(index) + "/attempts/" + attempt + "/logs/";
        ok(api.post(logs, ApiServer.json(Map.of("identifier", identifier, "agent_id", agent))));
        ok(api.put(logs + identifier + "/logfile", "text/csv", csv));
    }

    void sql(String statement, Object... values) throws Exception {
        try (Connection c = api.database().connect(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    /** The first column of the first row of a query, as text (null for SQL NULL). */
    String value(String query, Object... values) throws Exception {
        try (Connection c = api.database().connect(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).as(query).isTrue();
                return row.getString(1);
            }
        }
    }
}
