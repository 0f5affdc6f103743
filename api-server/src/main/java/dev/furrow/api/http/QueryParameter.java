package dev.furrow.api.http;

/** Reads query parameters of list endpoints, refusing malformed values with 400. */
public final class QueryParameter {

    private QueryParameter() {
    }

    public static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }
}
