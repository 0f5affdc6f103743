package dev.furrow.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body that must be a JSON object, read field by field with PyFarm's strictness: unknown keys and
 * values of the wrong type are refused with 400 and a message naming the field.
 */
public final class JsonRequest {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build()).build())
            // Keep numbers exact (frames are DECIMAL) and never turn 1e400 into Infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ObjectNode fields;

    private JsonRequest(ObjectNode fields) {
        this.fields = fields;
    }

    public static JsonRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the request body must be a JSON object, not " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        return new JsonRequest(object);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Refuses the fields the record describing this body does not have, as PyFarm refuses unknown columns, and
     * requires those it does not mark {@code @Nullable}.
     */
    public JsonRequest matching(Class<? extends Record> shape) {
        BodyShape body = BodyShape.of(shape);
        return allowOnly(body.fields()).require(body.required().toArray(String[]::new));
    }

    private JsonRequest allowOnly(Set<String> allowed) {
        Set<String> unknown = new TreeSet<>();
        fields.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; allowed are " + new TreeSet<>(allowed));
        }
        return this;
    }

    public JsonRequest require(String... names) {
        for (String name : names) {
            if (!present(name)) {
                throw ApiException.badRequest("'" + name + "' is required");
            }
        }
        return this;
    }

    public boolean has(String name) {
        return fields.has(name);
    }

    /** Present and not null. */
    public boolean present(String name) {
        JsonNode node = fields.get(name);
        return node != null && !node.isNull();
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Optional<String> string(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return Optional.of(node.textValue());
    }

    public Optional<Integer> integer(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(name, "a whole number");
        }
        return Optional.of(node.intValue());
    }

    public Optional<Long> longValue(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(name, "a whole number");
        }
        return Optional.of(node.longValue());
    }

    public Optional<BigDecimal> decimal(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw wrongType(name, "a number");
        }
        return Optional.of(node.decimalValue());
    }

    public Optional<Double> number(String name) {
        return decimal(name).map(BigDecimal::doubleValue);
    }

    public Optional<Boolean> bool(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** A JSON object field, returned as its JSON text. */
    public Optional<String> objectAsJson(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(name, "a JSON object");
        }
        return Optional.of(node.toString());
    }

    public Optional<JsonNode> object(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(name, "a JSON object");
        }
        return Optional.of(node);
    }

    /** A list field; each element is handed over as a JsonNode. */
    public List<JsonNode> list(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(name, "a list");
        }
        List<JsonNode> items = new ArrayList<>();
        Iterator<JsonNode> elements = node.elements();
        elements.forEachRemaining(items::add);
        return items;
    }

    public List<String> stringList(String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : list(name)) {
            if (!item.isTextual()) {
                throw wrongType(name, "a list of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** Reads one element of a list that must be an object matching the record describing it. */
    public static JsonRequest element(String listName, JsonNode item, Class<? extends Record> shape) {
        if (!(item instanceof ObjectNode object)) {
            throw ApiException.badRequest("each entry of '" + listName + "' must be a JSON object");
        }
        try {
            return new JsonRequest(object).matching(shape);
        } catch (ApiException e) {
            throw ApiException.badRequest("in '" + listName + "': " + e.getMessage());
        }
    }

    private static ApiException wrongType(String name, String expected) {
        return ApiException.badRequest("'" + name + "' must be " + expected);
    }
}
