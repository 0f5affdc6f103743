package dev.furrow.api.listing;

import dev.furrow.api.http.ApiException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sort orders one list endpoint allows, by the name a client gives in {@code sort}; the first is the default
 * (PyFarm's order). Each order is a list of columns whose last one is unique, so that a cursor names one position,
 * and whose SQL expressions are never NULL, so that "after this row" is a plain comparison.
 */
public final class Ordering {

    /** How a column's values compare and are checked when they come back in a cursor. */
    public enum Type { NUMBER, TEXT, TIME }

    /** One column of an order: an SQL expression of the endpoint's query. */
    public record Column(String sql, Type type) {
    }

    /** A named order. */
    public record Key(String name, List<Column> columns) {
    }

    private final Map<String, Key> keys;

    private Ordering(Map<String, Key> keys) {
        this.keys = keys;
    }

    /** The endpoint's default order. */
    public static Ordering by(String name, Column... columns) {
        return new Ordering(Map.of()).or(name, columns);
    }

    /** This ordering with one more allowed order. */
    public Ordering or(String name, Column... columns) {
        Map<String, Key> more = new LinkedHashMap<>(keys);
        more.put(name, new Key(name, List.of(columns)));
        return new Ordering(more);
    }

    public static Column number(String sql) {
        return new Column(sql, Type.NUMBER);
    }

    public static Column text(String sql) {
        return new Column(sql, Type.TEXT);
    }

    public static Column time(String sql) {
        return new Column(sql, Type.TIME);
    }

    Key defaultKey() {
        return keys.values().iterator().next();
    }

    Key key(String name) {
        Key key = keys.get(name);
        if (key == null) {
            throw ApiException.badRequest("sort must be one of " + keys.keySet()
                    + " (with a leading '-' for descending order), not '" + name + "'");
        }
        return key;
    }
}
