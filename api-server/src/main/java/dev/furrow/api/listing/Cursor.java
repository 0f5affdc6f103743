package dev.furrow.api.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The position after which a page starts, as an opaque token for clients: the sort it belongs to and the key
 * values of the last row of the previous page, as base64url of a JSON array. Tokens are checked like any other
 * input, since a client can send anything.
 */
record Cursor(String sort, List<String> values) {

    private static final int MAX_LENGTH = 4096;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,10})?");

    String encode() {
        ArrayNode array = JsonRequest.mapper().createArrayNode().add(sort);
        values.forEach(array::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
        if (token.length() > MAX_LENGTH) {
            throw unreadable();
        }
        JsonNode node;
        try {
            node = JsonRequest.mapper().readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw unreadable();
        }
        if (node == null || !node.isArray() || node.size() < 2) {
            throw unreadable();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw unreadable();
            }
            texts.add(element.textValue());
        }
        return new Cursor(texts.get(0), List.copyOf(texts.subList(1, texts.size())));
    }

    /** The values, checked against the columns of the order they are meant for. */
    List<String> valuesOf(Ordering.Key key) {
        List<Ordering.Column> columns = key.columns();
        if (values.size() != columns.size()) {
            throw unreadable();
        }
        for (int i = 0; i < columns.size(); i++) {
            String value = values.get(i);
            boolean fits = switch (columns.get(i).type()) {
                case NUMBER -> isNumber(value);
                case TIME -> isTime(value);
                case TEXT -> true;
            };
            if (!fits) {
                throw unreadable();
            }
        }
        return values;
    }

    /** A date and time as the database writes it, e.g. 2026-11-23 17:10:16.123456. */
    private static boolean isTime(String value) {
        try {
            LocalDateTime.parse(value.replace(' ', 'T'));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A plain decimal as the database writes one, e.g. 42 or 1.5000; nothing that expands, like 1e999999. */
    private static boolean isNumber(String value) {
        return NUMBER.matcher(value).matches();
    }

    private static ApiException unreadable() {
        return ApiException.badRequest("cursor is not one this server handed out; "
                + "use the X-Next-Cursor header of the previous page unchanged");
    }
}
