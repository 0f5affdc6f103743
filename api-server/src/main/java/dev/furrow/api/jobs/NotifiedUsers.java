package dev.furrow.api.jobs;

import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** The users notified about a job (notified_users), for its document and its notified_users routes. */
final class NotifiedUsers {

    /** By username, as PyFarm lists them. */
    static final Ordering ORDER = Ordering.by("username", text("u.username")).or("id", number("u.id"));

    private NotifiedUsers() {
    }

    static List<NotifiedUser> ofJob(Sql sql, long jobId) throws SQLException {
        return ofJob(sql, jobId, PageRequest.all(ORDER)).items();
    }

    static Page<NotifiedUser> ofJob(Sql sql, long jobId, PageRequest page) throws SQLException {
        return query().where("n.job_id = ?", jobId).page(sql, page, NotifiedUsers::user);
    }

    static NotifiedUser one(Sql sql, long jobId, long userId) throws SQLException {
        return query().where("n.job_id = ? AND n.user_id = ?", jobId, userId)
                .page(sql, PageRequest.all(ORDER), NotifiedUsers::user).items().get(0);
    }

    private static ListQuery query() {
        return ListQuery.select("u.id, u.username, u.email, n.on_success, n.on_failure, n.on_deletion",
                "notified_users n JOIN users u ON u.id = n.user_id");
    }

    private static NotifiedUser user(ResultSet row) throws SQLException {
        return new NotifiedUser(row.getLong("id"), row.getString("username"), row.getString("email"),
                row.getBoolean("on_success"), row.getBoolean("on_failure"), row.getBoolean("on_deletion"));
    }
}
