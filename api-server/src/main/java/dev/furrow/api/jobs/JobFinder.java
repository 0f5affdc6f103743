package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.store.Sql;

import java.sql.SQLException;

/** Finds a job by the path segment PyFarm accepts: a numeric id, or else a title. */
public final class JobFinder {

    private JobFinder() {
    }

    /** The job's id; when several jobs share a title the newest one is meant. */
    public static long find(Sql sql, String idOrTitle) throws SQLException {
        if (idOrTitle.matches("[0-9]{1,18}")) {
            return sql.one("SELECT id FROM jobs WHERE id = ?", row -> row.getLong(1), Long.parseLong(idOrTitle))
                    .orElseThrow(() -> ApiException.notFound("job " + idOrTitle + " not found"));
        }
        return sql.one("SELECT id FROM jobs WHERE title = ? ORDER BY id DESC LIMIT 1", row -> row.getLong(1), idOrTitle)
                .orElseThrow(() -> ApiException.notFound("job '" + idOrTitle + "' not found"));
    }
}
