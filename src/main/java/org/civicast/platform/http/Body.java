package org.civicast.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A request body that has passed its {@link Schema}; accessors need no further checks. */
public final class Body {
    private final JsonNode root;

    Body(JsonNode root) {
        this.root = root;
    }

    /** True when the client sent the property, even as null: PATCH tells "clear" from "keep". */
    public boolean has(String name) {
        return root.has(name);
    }

    /** The names of every property sent, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public String string(String name) {
        JsonNode value = root.get(name);
        return value == null || value.isNull() ? null : value.textValue();
    }

    public Integer integer(String name) {
        JsonNode value = root.get(name);
        return value == null || value.isNull() ? null : value.intValue();
    }

    public Boolean bool(String name) {
        JsonNode value = root.get(name);
        return value == null || value.isNull() ? null : value.booleanValue();
    }

    /** A nested object, already checked against its schema; null when absent or null. */
    public Body object(String name) {
        JsonNode value = root.get(name);
        return value == null || value.isNull() ? null : new Body(value);
    }

    /** A list of objects, each already checked against its item schema; null when absent or null. */
    public List<Body> objects(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) return null;
        List<Body> result = new ArrayList<>();
        value.forEach(item -> result.add(new Body(item)));
        return result;
    }

    /** Every text property the body carries, by name (numbers and booleans as their text). */
    public java.util.Map<String, String> texts() {
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) texts.put(e.getKey(), e.getValue().asText());
        });
        return texts;
    }

    public List<String> strings(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) return null;
        List<String> result = new ArrayList<>();
        value.forEach(item -> result.add(item.textValue()));
        return result;
    }
}
