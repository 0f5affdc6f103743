package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Optional filters of GET /api/v1/jobs/ (Furrow extension; without them the answer is PyFarm's full list):
 * {@code state}, {@code queue}, {@code user}, {@code limit}, {@code offset}.
 */
public record JobFilter(String state, String queue, String user, Integer limit, Integer offset) {

    static final Set<String> STATES = Set.of("queued", "running", "paused", "failed", "done");
    static final int MAX_LIMIT = 10_000;

    public JobFilter {
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badRequest("state must be one of " + STATES + ", not '" + state + "'");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset != null && offset < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
    }

    String sql() {
        StringBuilder sql = new StringBuilder("""
                SELECT j.id, j.title, j.state FROM jobs j
                LEFT JOIN job_queues q ON q.id = j.job_queue_id
                LEFT JOIN users u ON u.id = j.user_id WHERE TRUE""");
        if (state != null) {
            sql.append(" AND j.state = ?");
        }
        if (queue != null) {
            sql.append(" AND q.name = ?");
        }
        if (user != null) {
            sql.append(" AND u.username = ?");
        }
        sql.append(" ORDER BY j.id");
        if (limit != null || offset != null) {
            sql.append(" LIMIT ? OFFSET ?");
        }
        return sql.toString();
    }

    Object[] params() {
        List<Object> params = new ArrayList<>();
        if (state != null) {
            params.add(state);
        }
        if (queue != null) {
            params.add(queue);
        }
        if (user != null) {
            params.add(user);
        }
        if (limit != null || offset != null) {
            params.add(limit == null ? MAX_LIMIT : limit);
            params.add(offset == null ? 0 : offset);
        }
        return params.toArray();
    }
}
