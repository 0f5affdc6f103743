package dev.furrow.scheduler.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.Json;
import dev.furrow.scheduler.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link AssignTasks} of claims from the settings of their jobs, which it also reads. */
final class AssignmentMessages {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentMessages.class);

    private AssignmentMessages() {
    }

    static AssignTasks of(Claim claim, AssignTasks.Job job, Instant now) {
        return new AssignTasks(claim.assignmentId(), job, claim.tasks().stream()
                .map(t -> new AssignTasks.Task(t.id(), t.frame().doubleValue(), t.tile(), t.attempts() + 1))
                .toList(), now);
    }

    /** The settings the assignments of each job carry, by job id. */
    static Map<Long, AssignTasks.Job> jobs(Connection c, Collection<Long> jobIds) throws SQLException {
        Map<Long, AssignTasks.Job> jobs = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT j.id, j.title, j.data, j.environ, j.frame_by, j.cpus, j.ram, j.ram_warning, j.ram_max,
                       u.username, jt.name AS jobtype, v.version
                  FROM jobs j JOIN jobtype_versions v ON v.id = j.jobtype_version_id
                  JOIN jobtypes jt ON jt.id = v.jobtype_id
                  LEFT JOIN users u ON u.id = j.user_id
                 WHERE j.id IN (%s)""".formatted(Sql.placeholders(jobIds.size())))) {
            Sql.bindLongs(s, 1, jobIds);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    jobs.put(id, new AssignTasks.Job(id, rs.getString("title"), rs.getString("username"),
                            rs.getString("jobtype"), rs.getInt("version"),
                            data(id, rs.getString("data")), environ(id, rs.getString("environ")),
                            rs.getBigDecimal("frame_by").doubleValue(), rs.getInt("cpus"), rs.getInt("ram"),
                            Sql.nullableInt(rs, "ram_warning"), Sql.nullableInt(rs, "ram_max")));
                }
            }
        }
        return jobs;
    }

    private static JsonNode data(long jobId, String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            // The api-server validates data on submission; a row written some other way still gets dispatched
            // and the job type reports what it cannot use.
            LOG.warn("job {} has data that is not JSON; sending it as a string", jobId);
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static Map<String, String> environ(long jobId, String text) {
        Map<String, String> environ = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return environ;
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            node.fields().forEachRemaining(e -> environ.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        } catch (IOException e) {
            LOG.warn("job {} has an environ that is not a JSON object; sending an empty environment", jobId);
        }
        return environ;
    }
}
