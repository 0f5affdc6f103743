package dev.furrow.api.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code "limits": {"{name}": amount, ...}} of a job or a job type version: how much of each limit every one of
 * its assigned tasks holds. Stored in job_limits and jobtype_limits.
 */
public final class LimitAmounts {

    private LimitAmounts() {
    }

    /** The limits a body names, empty when the field is absent; each amount must be a whole number of at least 1. */
    public static Optional<Map<String, Integer>> read(JsonRequest body) {
        if (!body.has("limits")) {
            return Optional.empty();
        }
        Map<String, Integer> amounts = new TreeMap<>();
        body.object("limits").ifPresent(limits -> limits.fields().forEachRemaining(entry -> {
            JsonNode amount = entry.getValue();
            if (!amount.isIntegralNumber() || !amount.canConvertToInt()) {
                throw ApiException.badRequest("limits." + entry.getKey() + " must be a whole number (the amount each task holds)");
            }
            if (amount.intValue() < 1) {
                throw ApiException.badRequest("limits." + entry.getKey() + " (" + amount.intValue() + ") must be at least 1");
            }
            amounts.put(entry.getKey(), amount.intValue());
        }));
        return Optional.of(amounts);
    }

    /** Replaces the job's limits; 404 names the first unknown limit. */
    public static void writeForJob(Sql sql, long jobId, Map<String, Integer> amounts) throws SQLException {
        Map<Long, Integer> resolved = resolve(sql, amounts);
        sql.update("DELETE FROM job_limits WHERE job_id = ?", jobId);
        for (Map.Entry<Long, Integer> entry : resolved.entrySet()) {
            sql.update("INSERT INTO job_limits (job_id, limit_id, amount) VALUES (?, ?, ?)", jobId, entry.getKey(), entry.getValue());
        }
    }

    /** Sets the limits of a new job type version; 404 names the first unknown limit. */
    public static void writeForJobTypeVersion(Sql sql, long versionId, Map<String, Integer> amounts) throws SQLException {
        for (Map.Entry<Long, Integer> entry : resolve(sql, amounts).entrySet()) {
            sql.update("INSERT INTO jobtype_limits (jobtype_version_id, limit_id, amount) VALUES (?, ?, ?)",
                    versionId, entry.getKey(), entry.getValue());
        }
    }

    public static Map<String, Integer> ofJob(Sql sql, long jobId) throws SQLException {
        return amounts(sql, "SELECT l.name, a.amount FROM job_limits a JOIN limits l ON l.id = a.limit_id "
                + "WHERE a.job_id = ? ORDER BY l.name", jobId);
    }

    public static Map<String, Integer> ofJobTypeVersion(Sql sql, long versionId) throws SQLException {
        return amounts(sql, "SELECT l.name, a.amount FROM jobtype_limits a JOIN limits l ON l.id = a.limit_id "
                + "WHERE a.jobtype_version_id = ? ORDER BY l.name", versionId);
    }

    private static Map<String, Integer> amounts(Sql sql, String query, long id) throws SQLException {
        Map<String, Integer> amounts = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : sql.list(query, row -> Map.entry(row.getString(1), row.getInt(2)), id)) {
            amounts.put(entry.getKey(), entry.getValue());
        }
        return amounts;
    }

    private static Map<Long, Integer> resolve(Sql sql, Map<String, Integer> amounts) throws SQLException {
        Map<Long, Integer> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : amounts.entrySet()) {
            long id = sql.one("SELECT id FROM limits WHERE name = ?", row -> row.getLong(1), entry.getKey())
                    .orElseThrow(() -> ApiException.notFound("limit '" + entry.getKey()
                            + "' not found; create it with POST /api/v1/limits/ or see GET /api/v1/limits/"));
            resolved.put(id, entry.getValue());
        }
        return resolved;
    }
}
