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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

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

    public Optional<String> string(String name) {
        return value(name, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    public Optional<Integer> integer(String name) {
        return value(name, node -> node.isIntegralNumber() && node.canConvertToInt(), "a whole number").map(JsonNode::intValue);
    }

    public Optional<Long> longValue(String name) {
        return value(name, node -> node.isIntegralNumber() && node.canConvertToLong(), "a whole number").map(JsonNode::longValue);
    }

    public Optional<BigDecimal> decimal(String name) {
        return value(name, JsonNode::isNumber, "a number").map(JsonNode::decimalValue);
    }

    public Optional<Double> number(String name) {
        return decimal(name).map(BigDecimal::doubleValue);
    }

    public Optional<Boolean> bool(String name) {
        return value(name, JsonNode::isBoolean, "true or false").map(JsonNode::booleanValue);
    }

    /** A JSON object field, returned as its JSON text. */
    public Optional<String> objectAsJson(String name) {
        return object(name).map(JsonNode::toString);
    }

    public Optional<JsonNode> object(String name) {
        return value(name, JsonNode::isObject, "a JSON object");
    }

    /** A list field; each element is handed over as a JsonNode. */
    public List<JsonNode> list(String name) {
        List<JsonNode> items = new ArrayList<>();
        value(name, JsonNode::isArray, "a list").ifPresent(array -> array.elements().forEachRemaining(items::add));
        return items;
    }

    /** The field's value, empty when absent or null, 400 when it is not what {@code fits} accepts. */
    private Optional<JsonNode> value(String name, Predicate<JsonNode> fits, String expected) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!fits.test(node)) {
            throw wrongType(name, expected);
        }
        return Optional.of(node);
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
