package dev.furrow.api.store;

import dev.furrow.api.http.ApiException;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How PyFarm's routes name a resource: a path segment of digits is its id, anything else its name (resources whose
 * names may not be all digits). One instance per table; {@link #find} answers 404 for a segment that names nothing.
 */
public final class NameOrId {

    /** Something to do with the id of a row that was found. */
    @FunctionalInterface
    public interface IdAction {
        void run(long id) throws SQLException;
    }

    private final String what;
    private final String table;
    private final List<String> nameColumns;

    /** @param what how error messages call the resource, e.g. "jobqueue" */
    public NameOrId(String what, String table, String... nameColumns) {
        this.what = what;
        this.table = table;
        this.nameColumns = List.of(nameColumns);
    }

    public Optional<Long> lookup(Sql sql, String segment) throws SQLException {
        if (segment.matches("[0-9]{1,18}")) {
            return sql.one("SELECT id FROM " + table + " WHERE id = ?", row -> row.getLong(1), Long.parseLong(segment));
        }
        String byName = nameColumns.stream().map(column -> column + " = ?").collect(Collectors.joining(" OR "));
        return sql.one("SELECT id FROM " + table + " WHERE " + byName + " ORDER BY id LIMIT 1", row -> row.getLong(1),
                nameColumns.stream().map(column -> segment).toArray());
    }

    public long find(Sql sql, String segment) throws SQLException {
        return lookup(sql, segment).orElseThrow(() -> ApiException.notFound(what + " '" + segment + "' not found"));
    }

    /** Runs {@code action} on the row the segment names, if any (PyFarm's DELETEs answer 204 either way). */
    public boolean ifFound(Sql sql, String segment, IdAction action) throws SQLException {
        Optional<Long> id = lookup(sql, segment);
        if (id.isPresent()) {
            action.run(id.get());
        }
        return id.isPresent();
    }
}
