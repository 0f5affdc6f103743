package dev.furrow.api.listing;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.QueryParameter;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The paging parameters every list endpoint accepts (Furrow additions; without them a list is PyFarm's whole list
 * in PyFarm's order). Bound from the query with {@code @RequestBean}, read with {@link #page(Ordering)}.
 */
@Introspected
public record ListParameters(
        HttpRequest<?> request,
        @Nullable @QueryValue @Schema(description = "at most this many items (1-10000); all when absent")
        String limit,
        @Nullable @QueryValue @Schema(description = "skip this many items first; not together with cursor")
        String offset,
        @Nullable @QueryValue @Schema(description = "start after the previous page: the value of its X-Next-Cursor "
                + "header (also in its Link header, rel=next), which a page has when more items follow")
        String cursor,
        @Nullable @QueryValue @Schema(description = "the order: one of the endpoint's sort keys, '-' in front for "
                + "descending; the default is PyFarm's order")
        String sort) {

    public static final int MAX_LIMIT = 10_000;

    public PageRequest page(Ordering ordering) {
        Integer max = QueryParameter.integer("limit", limit, 1, MAX_LIMIT);
        Integer skip = QueryParameter.integer("offset", offset, 0, Integer.MAX_VALUE);
        if (cursor != null && skip != null) {
            throw ApiException.badRequest("give either offset or cursor, not both");
        }
        Cursor position = cursor == null ? null : Cursor.decode(cursor);
        if (position != null && sort != null && !sort.equals(position.sort())) {
            throw ApiException.badRequest("the cursor belongs to sort=" + position.sort() + ", not sort=" + sort);
        }
        String order = sort != null ? sort : position != null ? position.sort() : null;
        boolean descending = order != null && order.startsWith("-");
        Ordering.Key key = order == null ? ordering.defaultKey() : ordering.key(descending ? order.substring(1) : order);
        return new PageRequest(key, descending, max, skip, position == null ? null : position.valuesOf(key));
    }

    /** This request's path and query with the cursor of the next page instead of its offset or cursor. */
    String nextLink(String nextCursor) {
        StringJoiner query = new StringJoiner("&", "?", "");
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            if (!parameter.getKey().equals("cursor") && !parameter.getKey().equals("offset")) {
                for (String value : parameter.getValue()) {
                    query.add(encode(parameter.getKey()) + "=" + encode(value));
                }
            }
        }
        query.add("cursor=" + encode(nextCursor));
        return request.getUri().getRawPath() + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
