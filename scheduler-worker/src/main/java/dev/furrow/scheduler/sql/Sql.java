package dev.furrow.scheduler.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;

/** The few JDBC conversions every statement class needs; DATETIME columns hold UTC wall-clock times. */
public final class Sql {

    private Sql() {
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
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
}
