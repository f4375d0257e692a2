package org.civicast.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule for one request field or query parameter. The same rule validates input and describes
 * it in the OpenAPI document, so the two cannot drift apart.
 */
public final class Field {
    enum Type { STRING, INTEGER, BOOLEAN, STRING_ARRAY }

    private final Type type;
    private Integer minLength;
    private Integer maxLength;
    private Pattern pattern;
    private Long minimum;
    private Long maximum;
    private List<String> allowed;
    private boolean nullable;
    private String description;
    private Integer maxItems;

    private Field(Type type) {
        this.type = type;
    }

    public static Field string(int minLength, int maxLength) {
        Field f = new Field(Type.STRING);
        f.minLength = minLength;
        f.maxLength = maxLength;
        return f;
    }

    /** An opaque resource id as clients hold it. */
    public static Field id() {
        return string(1, 64).pattern("[A-Za-z0-9_\\-]+");
    }

    public static Field integer(long minimum, long maximum) {
        Field f = new Field(Type.INTEGER);
        f.minimum = minimum;
        f.maximum = maximum;
        return f;
    }

    public static Field bool() {
        return new Field(Type.BOOLEAN);
    }

    public static Field oneOf(String... values) {
        return oneOf(List.of(values));
    }

    public static Field oneOf(List<String> values) {
        Field f = new Field(Type.STRING);
        f.allowed = List.copyOf(values);
        return f;
    }

    public static Field stringArray(int maxItems, String... allowedValues) {
        Field f = new Field(Type.STRING_ARRAY);
        f.maxItems = maxItems;
        f.allowed = allowedValues.length == 0 ? null : List.of(allowedValues);
        return f;
    }

    public Field pattern(String regex) {
        this.pattern = Pattern.compile(regex);
        return this;
    }

    public Field nullable() {
        this.nullable = true;
        return this;
    }

    public Field describe(String text) {
        this.description = text;
        return this;
    }

    Type type() {
        return type;
    }

    /** The problem with this value, or null when it is acceptable. */
    String problem(JsonNode value) {
        if (value.isNull()) {
            return nullable ? null : "must not be null";
        }
        return switch (type) {
            case STRING -> value.isTextual() ? textProblem(value.textValue()) : "must be a string";
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong()
                    ? rangeProblem(value.longValue()) : "must be an integer";
            case BOOLEAN -> value.isBoolean() ? null : "must be a boolean";
            case STRING_ARRAY -> arrayProblem(value);
        };
    }

    boolean isArray() {
        return type == Type.STRING_ARRAY;
    }

    /**
     * Form values (all text) as the JSON value this field takes, or null when one is not of the
     * field's type; {@link #problem} then says what is wrong with it.
     */
    JsonNode fromForm(List<String> values) {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (type == Type.STRING_ARRAY) {
            var array = nodes.arrayNode();
            values.forEach(array::add);
            return array;
        }
        String raw = values.getFirst();
        return switch (type) {
            case INTEGER -> {
                try {
                    yield nodes.numberNode(Long.parseLong(raw));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case BOOLEAN -> raw.equals("true") || raw.equals("false") ? nodes.booleanNode(raw.equals("true")) : null;
            default -> nodes.textNode(raw);
        };
    }

    /** The problem with a query-string value, or null. */
    String problem(String raw) {
        return switch (type) {
            case INTEGER -> {
                try {
                    yield rangeProblem(Long.parseLong(raw));
                } catch (NumberFormatException e) {
                    yield "must be an integer";
                }
            }
            case BOOLEAN -> raw.equals("true") || raw.equals("false") ? null : "must be true or false";
            default -> textProblem(raw);
        };
    }

    private String textProblem(String text) {
        if (!storable(text)) return "must be valid Unicode text without NUL characters";
        if (text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n')) {
            return "must not contain control characters (other than tab and newline)";
        }
        if (minLength != null && minLength >= 1 && !text.isEmpty() && text.codePoints().noneMatch(Field::visible)) {
            return "must contain a visible character";
        }
        if (allowed != null && !allowed.contains(text)) {
            return "must be one of " + String.join(", ", allowed);
        }
        int length = text.codePointCount(0, text.length());
        if (minLength != null && length < minLength) {
            return minLength == 1 ? "must not be empty" : "must be at least " + minLength + " characters";
        }
        if (maxLength != null && length > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            return "has an invalid format";
        }
        return null;
    }

    /** A character that shows: not a space of any kind, a control or an invisible format character. */
    private static boolean visible(int c) {
        int type = Character.getType(c);
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && type != Character.CONTROL
                && type != Character.FORMAT && type != Character.UNASSIGNED && c != 0x3164 && c != 0x115F
                && c != 0x1160 && c != 0xFFA0 && c != 0x2800;
    }

    /** PostgreSQL text cannot hold NUL, and an unpaired surrogate is no character at all. */
    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private String rangeProblem(long number) {
        if (minimum != null && number < minimum) return "must be at least " + minimum;
        if (maximum != null && number > maximum) return "must be at most " + maximum;
        return null;
    }

    private String arrayProblem(JsonNode value) {
        if (!value.isArray()) return "must be an array of strings";
        if (maxItems != null && value.size() > maxItems) return "must have at most " + maxItems + " items";
        for (JsonNode item : value) {
            if (!item.isTextual()) return "must be an array of strings";
            if (allowed != null && !allowed.contains(item.textValue())) {
                return "items must be among " + String.join(", ", allowed);
            }
        }
        return null;
    }

    Map<String, Object> openApi() {
        Map<String, Object> schema = new LinkedHashMap<>();
        String jsonType = switch (type) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case STRING_ARRAY -> "array";
        };
        schema.put("type", nullable ? List.of(jsonType, "null") : jsonType);
        if (description != null) schema.put("description", description);
        if (type == Type.STRING_ARRAY) {
            Map<String, Object> items = new LinkedHashMap<>();
            items.put("type", "string");
            if (allowed != null) items.put("enum", allowed);
            schema.put("items", items);
            if (maxItems != null) schema.put("maxItems", maxItems);
            return schema;
        }
        if (allowed != null) schema.put("enum", new ArrayList<>(allowed));
        if (minLength != null) schema.put("minLength", minLength);
        if (maxLength != null) schema.put("maxLength", maxLength);
        if (pattern != null) schema.put("pattern", pattern.pattern());
        if (minimum != null) schema.put("minimum", minimum);
        if (maximum != null) schema.put("maximum", maximum);
        return schema;
    }
}
