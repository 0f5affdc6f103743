package dev.furrow.api.listing;

import java.util.List;

/**
 * Which part of a list to answer: its order, at most {@code limit} rows (all when null), skipping {@code offset}
 * rows or starting after the position {@code after} (the key values of the previous page's last row).
 */
public record PageRequest(Ordering.Key key, boolean descending, Integer limit, Integer offset, List<String> after) {

    /** The whole list in the default order, for documents that embed a list. */
    public static PageRequest all(Ordering ordering) {
        return new PageRequest(ordering.defaultKey(), false, null, null, null);
    }

    /** The {@code sort} value that asks for this order again. */
    String sort() {
        return (descending ? "-" : "") + key.name();
    }
}
