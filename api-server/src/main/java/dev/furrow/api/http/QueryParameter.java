package dev.furrow.api.http;

/** Reads the query parameters of list endpoints, refusing malformed values with 400. */
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

    public static Integer integer(String name, String value, int min, int max) {
        Integer number = integer(name, value);
        if (number != null && (number < min || number > max)) {
            throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", not " + number);
        }
        return number;
    }
}
