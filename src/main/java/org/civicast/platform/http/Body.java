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

    public List<String> strings(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) return null;
        List<String> result = new ArrayList<>();
        value.forEach(item -> result.add(item.textValue()));
        return result;
    }
}
