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
    enum Type { STRING, INTEGER, BOOLEAN, STRING_ARRAY, OBJECT_ARRAY, OBJECT }

    private final Type type;
    private Integer minLength;
    private Integer maxLength;
    private Pattern pattern;
    private String ecmaPattern;
    private Long minimum;
    private Long maximum;
    private List<String> allowed;
    private boolean nullable;
    private String description;
    private Integer maxItems;
    private Schema items;

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

    /** A list of objects, each checked against {@code items}; problems are named like {@code actions[0].subject}. */
    public static Field objects(Schema items, int minItems, int maxItems) {
        Field f = new Field(Type.OBJECT_ARRAY);
        f.items = items;
        f.minimum = (long) minItems;
        f.maxItems = maxItems;
        return f;
    }

    /** One object, checked against {@code schema}; problems are named like {@code merge_tags.first_name}. */
    public static Field object(Schema schema) {
        Field f = new Field(Type.OBJECT);
        f.items = schema;
        return f;
    }

    /** The schema of each item of an object list (or of a nested object), or null for other fields. */
    Schema items() {
        return items;
    }

    /**
     * The value must match the whole of {@code regex} (Java syntax, matched with {@code matches()}).
     * The OpenAPI document carries the same rule as an anchored ECMA-262 pattern; a regex using a
     * construct the two dialects read differently (inline flags, anchors, possessive quantifiers,
     * Unicode classes…) is refused here rather than described wrongly there.
     */
    public Field pattern(String regex) {
        this.pattern = Pattern.compile(regex);
        this.ecmaPattern = EcmaPattern.anchored(regex);
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
            case OBJECT_ARRAY -> {
                boolean objects = value.isArray();
                for (JsonNode item : value) objects &= item.isObject();
                if (!objects) yield "must be an array of objects";
                if (value.size() < minimum) yield "must have at least " + minimum + " item" + (minimum == 1 ? "" : "s");
                yield value.size() > maxItems ? "must have at most " + maxItems + " items" : null;
            }
            case OBJECT -> value.isObject() ? null : "must be an object";
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
            case STRING_ARRAY, OBJECT_ARRAY -> "array";
            case OBJECT -> "object";
        };
        schema.put("type", nullable ? List.of(jsonType, "null") : jsonType);
        if (description != null) schema.put("description", description);
        if (type == Type.OBJECT) {
            Map<String, Object> object = new LinkedHashMap<>(items.openApi());
            if (description != null) object.put("description", description);
            if (nullable) object.put("type", List.of("object", "null"));
            return object;
        }
        if (type == Type.OBJECT_ARRAY) {
            schema.put("items", items.openApi());
            schema.put("minItems", minimum);
            schema.put("maxItems", maxItems);
            return schema;
        }
        if (type == Type.STRING_ARRAY) {
            Map<String, Object> items = new LinkedHashMap<>();
            items.put("type", "string");
            if (allowed != null) items.put("enum", allowed);
            schema.put("items", items);
            if (maxItems != null) schema.put("maxItems", maxItems);
            return schema;
        }
        if (allowed != null) {
            List<Object> values = new ArrayList<>(allowed);
            if (nullable) values.add(null); // enum applies to null too: without it a nullable choice refuses null
            schema.put("enum", values);
        }
        if (minLength != null) schema.put("minLength", minLength);
        if (maxLength != null) schema.put("maxLength", maxLength);
        if (ecmaPattern != null) schema.put("pattern", ecmaPattern);
        if (minimum != null) schema.put("minimum", minimum);
        if (maximum != null) schema.put("maximum", maximum);
        return schema;
    }

    /**
     * Java regexes as ECMA-262 patterns that accept exactly the same strings: anchored with
     * {@code ^…$} because the server matches the whole value, {@code \s}, {@code \S} and {@code .}
     * spelled out as the characters Java gives them (ECMA-262's differ beyond ASCII), and every
     * construct whose meaning differs between the dialects refused. The result is meant for
     * ECMA-262 in unicode mode, as JSON Schema validators compile it.
     */
    static final class EcmaPattern {
        /** Java's {@code \s}: ECMA-262's also covers no-break and other Unicode spaces. */
        private static final String SPACE = "\\t\\n\\x0B\\f\\r ";
        /** Java's {@code .} without DOTALL: ECMA-262's does match U+0085. */
        private static final String DOT = "[^\\n\\r\\u0085\\u2028\\u2029]";
        /** Escapes both dialects read as the character itself, inside and outside a class. */
        private static final String LITERAL_ESCAPES = "\\^$.|?*+()[]{}/";

        static String anchored(String regex) {
            StringBuilder out = new StringBuilder();
            boolean alternation = false;
            int depth = 0;
            int i = 0;
            while (i < regex.length()) {
                char c = regex.charAt(i);
                switch (c) {
                    case '\\' -> {
                        out.append(escape(regex, i, false));
                        i += 2;
                        continue;
                    }
                    case '[' -> {
                        i = characterClass(regex, i, out);
                        continue;
                    }
                    case '(' -> {
                        if (regex.startsWith("(?", i)) {
                            String group = groupOpening(regex, i);
                            out.append(group);
                            i += group.length();
                            depth++;
                            continue;
                        }
                        depth++;
                    }
                    case ')' -> depth--;
                    case '|' -> alternation |= depth == 0;
                    case '.' -> {
                        out.append(DOT);
                        i++;
                        continue;
                    }
                    case '^', '$' -> throw refused(regex, "anchors (the whole value is matched already)");
                    case '*', '+', '?', '}' -> {
                        if (i + 1 < regex.length() && regex.charAt(i + 1) == '+') {
                            throw refused(regex, "possessive quantifiers");
                        }
                    }
                    default -> { }
                }
                out.append(c);
                i++;
            }
            return alternation ? "^(?:" + out + ")$" : "^" + out + "$";
        }

        private static String groupOpening(String regex, int at) {
            for (String allowed : List.of("(?:", "(?=", "(?!", "(?<=", "(?<!")) {
                if (regex.startsWith(allowed, at)) return allowed;
            }
            throw refused(regex, "inline flags, named, atomic and other special groups");
        }

        /** Copies the class starting at {@code at}; answers the index after its closing bracket. */
        private static int characterClass(String regex, int at, StringBuilder out) {
            out.append('[');
            int i = at + 1;
            if (i < regex.length() && regex.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            while (i < regex.length()) {
                char c = regex.charAt(i);
                if (c == ']' && !first) {
                    out.append(']');
                    return i + 1;
                }
                if (c == ']') throw refused(regex, "a literal ] first in a class");
                if (c == '[') throw refused(regex, "nested classes and class unions");
                if (c == '&' && regex.startsWith("&&", i)) throw refused(regex, "class intersections");
                if (c == '\\') {
                    out.append(escape(regex, i, true));
                    i += 2;
                } else {
                    out.append(c);
                    i++;
                }
                first = false;
            }
            throw refused(regex, "an unclosed class");
        }

        private static String escape(String regex, int at, boolean inClass) {
            if (at + 1 >= regex.length()) throw refused(regex, "a trailing backslash");
            char e = regex.charAt(at + 1);
            if ("dDwW".indexOf(e) >= 0) return "\\" + e; // ASCII in both dialects
            if (e == 's') return inClass ? SPACE : "[" + SPACE + "]";
            if (e == 'S' && !inClass) return "[^" + SPACE + "]";
            if (e == 't' || e == 'n' || e == 'r' || e == 'f') return "\\" + e;
            if (e == '-') return inClass ? "\\-" : "-"; // unicode mode allows an escaped - only in a class
            if (LITERAL_ESCAPES.indexOf(e) >= 0) return "\\" + e;
            throw refused(regex, "the escape \\" + e);
        }

        private static IllegalArgumentException refused(String regex, String construct) {
            return new IllegalArgumentException("pattern " + regex + ": " + construct
                    + " cannot be described in the OpenAPI document (ECMA-262) with the same meaning");
        }

        private EcmaPattern() {}
    }
}
