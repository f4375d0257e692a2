package org.civicast.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request body's shape: which properties it may have, which it must have, and the rule for
 * each. Parsing is strict and reports every problem at once, field by field.
 */
public final class Schema {
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    /** The rule of properties not declared by name, for forms whose fields a campaign defines; null: refused. */
    private Field others;
    private final Map<Pattern, Field> families = new LinkedHashMap<>();

    public static Schema object() {
        return new Schema();
    }

    public Schema required(String name, Field field) {
        fields.put(name, field);
        required.add(name);
        return this;
    }

    public Schema optional(String name, Field field) {
        fields.put(name, field);
        return this;
    }

    /**
     * Accepts properties beyond the declared ones (names of letters, digits and underscores), each
     * under {@code rule}: for forms whose fields are defined by data, such as a campaign's action.
     */
    public Schema otherProperties(Field rule) {
        this.others = rule;
        return this;
    }

    /**
     * Optional properties whose whole name matches {@code regex}, each checked by {@code field}: a
     * family such as {@code addresses[0][city]}, {@code addresses[1][city]}, as PHP's
     * {@code http_build_query} and Rails write nested arrays. The handler finds them with
     * {@link Body#names()}.
     */
    public Schema pattern(String regex, Field field) {
        Field.EcmaPattern.anchored(regex); // refuses now a name pattern the document could not carry
        families.put(Pattern.compile(regex), field);
        return this;
    }

    /** The rule for a property name: its own, its family's, or the other properties'; null when it is unknown. */
    private Field fieldFor(String name) {
        Field field = fields.get(name);
        if (field != null) return field;
        for (var family : families.entrySet()) {
            if (family.getKey().matcher(name).matches()) return family.getValue();
        }
        return others != null && name.matches("[A-Za-z][A-Za-z0-9_]{0,63}") ? others : null;
    }

    public Body parse(byte[] raw) {
        JsonNode root;
        try {
            root = raw.length == 0 ? null : Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiException.validation("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.validation("body", "could not be read");
        }
        if (root == null || root.isMissingNode()) {
            if (required.isEmpty()) return new Body(Json.MAPPER.createObjectNode());
            throw ApiException.validation("body", "is required");
        }
        if (!root.isObject()) {
            throw ApiException.validation("body", "must be a JSON object");
        }
        return check(root);
    }

    /**
     * An HTML-form body: every value arrives as text and is read as its field's type (a number, a
     * boolean), so the handler sees the same {@link Body} a JSON request gives it.
     */
    public Body parseForm(Map<String, List<String>> form) {
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.MAPPER.createObjectNode();
        List<ApiException.FieldIssue> issues = new ArrayList<>();
        form.forEach((name, values) -> {
            Field field = fieldFor(name);
            if (field == null) {
                issues.add(new ApiException.FieldIssue(name, "is not a known property"));
            } else if (values.size() != 1 && !field.isArray()) {
                issues.add(new ApiException.FieldIssue(name, "must be given once"));
            } else {
                JsonNode value = field.fromForm(values);
                if (value == null) issues.add(new ApiException.FieldIssue(name, field.problem(values.getFirst())));
                else root.set(name, value);
            }
        });
        if (!issues.isEmpty()) throw ApiException.validation(issues);
        return check(root);
    }

    private Body check(JsonNode root) {
        List<ApiException.FieldIssue> issues = issues(root, "");
        if (!issues.isEmpty()) throw ApiException.validation(issues);
        return new Body(root);
    }

    /** Every problem of an object, its nested lists' items included, each named from {@code prefix}. */
    private List<ApiException.FieldIssue> issues(JsonNode root, String prefix) {
        List<ApiException.FieldIssue> issues = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Field field = fieldFor(name);
            if (field == null) {
                issues.add(new ApiException.FieldIssue(prefix + name, "is not a known property"));
                continue;
            }
            String problem = field.problem(root.get(name));
            if (problem != null) {
                issues.add(new ApiException.FieldIssue(prefix + name, problem));
            } else if (field.type() == Field.Type.OBJECT && !root.get(name).isNull()) {
                issues.addAll(field.items().issues(root.get(name), prefix + name + "."));
            } else if (field.items() != null && !root.get(name).isNull()) {
                for (int i = 0; i < root.get(name).size(); i++) {
                    issues.addAll(field.items().issues(root.get(name).get(i), prefix + name + "[" + i + "]."));
                }
            }
        }
        for (String name : required) {
            if (!root.has(name)) issues.add(new ApiException.FieldIssue(prefix + name, "is required"));
        }
        return issues;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && families.isEmpty();
    }

    public Map<String, Object> openApi() {
        Map<String, Object> properties = new LinkedHashMap<>();
        fields.forEach((name, field) -> properties.put(name, field.openApi()));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("additionalProperties", others == null ? false : others.openApi());
        schema.put("properties", properties);
        if (!families.isEmpty()) {
            Map<String, Object> patterned = new LinkedHashMap<>();
            families.forEach((name, field) -> patterned.put(Field.EcmaPattern.anchored(name.pattern()), field.openApi()));
            schema.put("patternProperties", patterned);
        }
        if (!required.isEmpty()) schema.put("required", new ArrayList<>(required));
        return schema;
    }
}
