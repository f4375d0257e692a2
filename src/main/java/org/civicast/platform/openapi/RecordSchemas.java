package org.civicast.platform.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of the records the API answers with, read from the records themselves (their
 * components and Jackson names), so the document describes exactly what is serialised.
 * Reference-typed fields may be null; primitives may not.
 */
final class RecordSchemas {
    private final Map<String, Object> components = new LinkedHashMap<>();

    Map<String, Object> components() {
        return components;
    }

    /** A $ref to the record's schema, adding it (and the records it contains) to the components. */
    Map<String, Object> ref(Class<?> record) {
        String name = name(record);
        if (!components.containsKey(name)) {
            components.put(name, Map.of()); // placeholder: breaks cycles such as a tree node
            components.put(name, object(record));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    /**
     * Pins a string property of a record's schema to one value: every answer of that record
     * carries it, as the property that tells it apart from other kinds in one list.
     */
    void pin(Class<?> record, String property, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) components.get(name(record)))
                .get("properties");
        Object current = properties.get(property);
        if (current == null) throw new IllegalArgumentException(record + " has no property " + property);
        if (current instanceof Map<?, ?> m && m.containsKey("const") && !value.equals(m.get("const"))) {
            throw new IllegalArgumentException(record + "." + property + " is pinned to " + m.get("const"));
        }
        properties.put(property, Map.of("type", "string", "const", value));
    }

    private static String name(Class<?> record) {
        return record.getEnclosingClass() == null ? record.getSimpleName()
                : record.getEnclosingClass().getSimpleName() + record.getSimpleName();
    }

    private Map<String, Object> object(Class<?> record) {
        Map<String, Object> properties = new LinkedHashMap<>();
        java.util.Set<String> optional = new java.util.HashSet<>();
        collect(record, properties, optional);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", properties.keySet().stream().filter(p -> !optional.contains(p)).toList());
        return schema;
    }

    /** Properties of the record; those left out when null ({@code @JsonInclude(NON_NULL)}) are optional. */
    private void collect(Class<?> record, Map<String, Object> properties, java.util.Set<String> optional) {
        if (!record.isRecord()) throw new IllegalArgumentException(record + " is not a record");
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.isAnnotationPresent(JsonIgnore.class) || c.getAccessor().isAnnotationPresent(JsonIgnore.class)) continue;
            if (c.isAnnotationPresent(JsonUnwrapped.class) || c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                collect(c.getType(), properties, optional);
                continue;
            }
            JsonProperty renamed = c.isAnnotationPresent(JsonProperty.class) ? c.getAnnotation(JsonProperty.class)
                    : c.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            JsonInclude include = c.isAnnotationPresent(JsonInclude.class) ? c.getAnnotation(JsonInclude.class)
                    : c.getAccessor().getAnnotation(JsonInclude.class);
            if (include != null && include.value() == JsonInclude.Include.NON_NULL) optional.add(name);
            properties.put(name, schema(c.getGenericType()));
        }
    }

    private Map<String, Object> schema(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return Map.of("type", List.of("array", "null"), "items", schema(p.getActualTypeArguments()[0]));
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            return Map.of("type", List.of("object", "null"));
        }
        Class<?> c = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        if (c == int.class || c == long.class) return Map.of("type", "integer");
        if (c == boolean.class) return Map.of("type", "boolean");
        if (c == double.class) return Map.of("type", "number");
        if (c == Integer.class || c == Long.class) return Map.of("type", List.of("integer", "null"));
        if (c == Boolean.class) return Map.of("type", List.of("boolean", "null"));
        if (c == Double.class || c == java.math.BigDecimal.class) return Map.of("type", List.of("number", "null"));
        if (c == Instant.class) return Map.of("type", List.of("string", "null"), "format", "date-time");
        if (c == LocalDate.class) return Map.of("type", List.of("string", "null"), "format", "date");
        if (c == String.class) return Map.of("type", List.of("string", "null"));
        if (c.isRecord()) return Map.of("anyOf", List.of(ref(c), Map.of("type", "null")));
        return Map.of();
    }
}
