package dev.furrow.scheduler.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.UUID;

/** The few JDBC conversions every statement class needs; DATETIME columns hold UTC wall-clock times. */
public final class Sql {

    private Sql() {
    }

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /**
     * Binds an instant as a UTC DATETIME(6) literal. As text because the MySQL driver sees MariaDB's version as
     * 5.5.5 and would drop the microseconds of a LocalDateTime or Timestamp.
     */
    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setString(index, instant == null ? null : DATE_TIME.format(instant));
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** "?,?,?" for an IN list of {@code n} values; at least one so the SQL stays valid. */
    public static String placeholders(int n) {
        return String.join(",", Collections.nCopies(Math.max(n, 1), "?"));
    }

    /** Binds {@code values} from parameter {@code first} on (-1 for an empty list); returns the next index. */
    public static int bindLongs(PreparedStatement statement, int first, Collection<Long> values) throws SQLException {
        int index = first;
        if (values.isEmpty()) {
            statement.setLong(index++, -1L);
        }
        for (long value : values) {
            statement.setLong(index++, value);
        }
        return index;
    }

    /**
     * A derived table of {@code count} rows of parameters, for updating many rows in ONE statement
     * ({@code UPDATE t JOIN (<rows>) r ON r.id = t.id SET ...}): {@code columns} name the first row's expressions,
     * e.g. {@code "CAST(? AS SIGNED) AS id"}; later rows repeat them without the names. One statement is cheaper
     * than a JDBC batch: the driver sends a batch of UPDATEs as a multi-statement it builds and parses anew, entry by
     * entry, every time.
     */
    public static String rows(int count, String... columns) {
        String first = "SELECT " + String.join(", ", columns);
        String next = " UNION ALL SELECT " + java.util.Arrays.stream(columns)
                .map(column -> column.replaceFirst("(?i)\\s+AS\\s+\\w+$", ""))
                .collect(java.util.stream.Collectors.joining(", "));
        return first + next.repeat(Math.max(0, count - 1));
    }

    /** Binds the UUIDs as strings from parameter {@code first} on (no id for an empty list); returns the next index. */
    public static int bindUuids(PreparedStatement statement, int first, Collection<UUID> values) throws SQLException {
        int index = first;
        if (values.isEmpty()) {
            statement.setString(index++, "");
        }
        for (UUID value : values) {
            statement.setString(index++, value.toString());
        }
        return index;
    }
}
