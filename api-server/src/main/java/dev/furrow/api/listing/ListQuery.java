package dev.furrow.api.listing;

import dev.furrow.api.store.Sql;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SELECT behind one list endpoint: its columns and tables, the conditions of its path and filters, and the
 * page a request asks for. Every value is bound; only the endpoint's own SQL fragments become statement text.
 */
public final class ListQuery {

    private static final String KEY_ALIAS = "page_key_";

    private final String columns;
    private final String from;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private ListQuery(String columns, String from) {
        this.columns = columns;
        this.from = from;
    }

    /** {@code SELECT columns FROM from}; {@code from} may join several tables. */
    public static ListQuery select(String columns, String from) {
        return new ListQuery(columns, from);
    }

    public ListQuery where(String condition, Object... conditionValues) {
        conditions.add(condition);
        Collections.addAll(values, conditionValues);
        return this;
    }

    public <T> Page<T> page(Sql sql, PageRequest page, Sql.RowMapper<T> mapper) throws SQLException {
        List<Ordering.Column> keys = page.key().columns();
        List<String> where = new ArrayList<>(conditions);
        List<Object> params = new ArrayList<>(values);
        if (page.after() != null) {
            where.add(after(keys, page.descending(), page.after(), params));
        }
        StringBuilder text = new StringBuilder("SELECT ").append(columns);
        for (int i = 0; i < keys.size(); i++) {
            text.append(", ").append(keys.get(i).sql()).append(" AS ").append(KEY_ALIAS).append(i);
        }
        text.append(" FROM ").append(from);
        if (!where.isEmpty()) {
            text.append(" WHERE ").append(String.join(" AND ", where));
        }
        text.append(" ORDER BY ").append(keys.stream().map(k -> k.sql() + (page.descending() ? " DESC" : ""))
                .collect(Collectors.joining(", ")));
        if (page.limit() != null || page.offset() != null) {
            // One row more than asked tells whether another page follows.
            text.append(" LIMIT ? OFFSET ?");
            params.add(page.limit() == null ? Long.MAX_VALUE : page.limit() + 1L);
            params.add(page.offset() == null ? 0 : page.offset());
        }
        record Keyed<T>(T item, List<String> key) {
        }
        List<Keyed<T>> rows = sql.list(text.toString(), row -> {
            List<String> key = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                key.add(row.getString(KEY_ALIAS + i));
            }
            return new Keyed<>(mapper.map(row), key);
        }, params.toArray());
        boolean more = page.limit() != null && rows.size() > page.limit();
        List<Keyed<T>> shown = more ? rows.subList(0, page.limit()) : rows;
        String next = more ? new Cursor(page.sort(), shown.get(shown.size() - 1).key()).encode() : null;
        return new Page<>(shown.stream().map(Keyed::item).toList(), next);
    }

    /**
     * Rows after a position in the order (k1, k2, ... kn): k1 > v1, or k1 = v1 and k2 > v2, ... ("<" when
     * descending).
     */
    private static String after(List<Ordering.Column> keys, boolean descending, List<String> position, List<Object> params) {
        String beyond = descending ? " < ?" : " > ?";
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(keys.get(j).sql() + " = ?");
                params.add(bindable(keys.get(j), position.get(j)));
            }
            terms.add(keys.get(i).sql() + beyond);
            params.add(bindable(keys.get(i), position.get(i)));
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static Object bindable(Ordering.Column column, String value) {
        return column.type() == Ordering.Type.NUMBER ? new BigDecimal(value) : value;
    }
}
