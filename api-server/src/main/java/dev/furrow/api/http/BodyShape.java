package dev.furrow.api.http;

import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a record that describes a request body (for the OpenAPI document) says about the JSON: the field names a
 * body may have, and the ones it must have (the components not marked {@code @Nullable}). Request readers check
 * bodies against it, so the document and the validation cannot drift apart. A component that has a default is
 * marked {@code @Schema(requiredMode = NOT_REQUIRED)} instead of {@code @Nullable}.
 */
record BodyShape(Set<String> fields, Set<String> required) {

    private static final ClassValue<BodyShape> SHAPES = new ClassValue<>() {
        @Override
        protected BodyShape computeValue(Class<?> type) {
            return read(type);
        }
    };

    static BodyShape of(Class<? extends Record> type) {
        return SHAPES.get(type);
    }

    private static BodyShape read(Class<?> type) {
        // Jackson knows the JSON name of each component (it applies the record's @JsonNaming).
        Map<String, String> jsonNames = JsonRequest.mapper().getSerializationConfig()
                .introspect(JsonRequest.mapper().constructType(type)).findProperties().stream()
                .collect(Collectors.toMap(BeanPropertyDefinition::getInternalName, BeanPropertyDefinition::getName));
        Set<String> fields = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = jsonNames.get(component.getName());
            fields.add(name);
            if (!optional(component)) {
                required.add(name);
            }
        }
        return new BodyShape(Collections.unmodifiableSet(fields), Collections.unmodifiableSet(required));
    }

    private static boolean optional(RecordComponent component) {
        Schema schema = component.getAccessor().getAnnotation(Schema.class);
        return component.getAccessor().isAnnotationPresent(Nullable.class)
                || (schema != null && schema.requiredMode() == Schema.RequiredMode.NOT_REQUIRED);
    }
}
