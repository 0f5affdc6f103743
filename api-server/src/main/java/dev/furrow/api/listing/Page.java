package dev.furrow.api.listing;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The items of one page and, when more follow, the cursor of the next page. The body stays PyFarm's plain JSON
 * list; the cursor travels in the {@code X-Next-Cursor} and {@code Link} headers.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final String NEXT_CURSOR = "X-Next-Cursor";

    /** Turns an item into what the endpoint answers, inside the same transaction. */
    @FunctionalInterface
    public interface Loader<T, R> {
        R load(T item) throws SQLException;
    }

    public <R> Page<R> map(Loader<T, R> loader) throws SQLException {
        List<R> loaded = new ArrayList<>(items.size());
        for (T item : items) {
            loaded.add(loader.load(item));
        }
        return new Page<>(loaded, nextCursor);
    }

    public HttpResponse<List<T>> response(ListParameters parameters) {
        return response(parameters, items -> items);
    }

    /** The answer with a body made from the items, for endpoints that wrap their list in an object. */
    public <B> HttpResponse<B> response(ListParameters parameters, Function<List<T>, B> body) {
        MutableHttpResponse<B> response = HttpResponse.ok(body.apply(items));
        if (nextCursor != null) {
            response.header(NEXT_CURSOR, nextCursor);
            response.header(HttpHeaders.LINK, "<" + parameters.nextLink(nextCursor) + ">; rel=\"next\"");
        }
        return response;
    }
}
