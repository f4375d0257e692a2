package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A family of properties named by a pattern, as nested arrays arrive in a form
 * ({@code items[0][name]=…}): each member checked by the family's rule, names outside every
 * family still refused, and the document showing the family as {@code patternProperties}.
 */
class SchemaFamiliesTest {
    private static final Schema SCHEMA = Schema.object()
            .optional("title", Field.string(1, 20))
            .pattern("items\\[[0-9]\\]\\[name\\]", Field.string(1, 5))
            .pattern("items\\[[0-9]\\]\\[count\\]", Field.integer(0, 9));

    private static Map<String, List<String>> form(String... namesAndValues) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) form.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        return form;
    }

    private static List<ApiException.FieldIssue> issues(Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        return ((List<?>) e.details()).stream().map(ApiException.FieldIssue.class::cast).toList();
    }

    @Test
    void eachMemberIsCheckedByItsFamilysRule() {
        Body body = SCHEMA.parseForm(form("title", "T", "items[0][name]", "pen", "items[1][count]", "3"));
        assertEquals(List.of("title", "items[0][name]", "items[1][count]"), body.names());
        assertEquals("pen", body.string("items[0][name]"));
        assertEquals(3, body.integer("items[1][count]"), "typed by the family's field");

        assertEquals(List.of(new ApiException.FieldIssue("items[0][name]", "must be at most 5 characters")),
                issues(() -> SCHEMA.parseForm(form("items[0][name]", "pencil", "items[1][count]", "3"))));
        assertEquals(List.of(new ApiException.FieldIssue("items[1][count]", "must be an integer")),
                issues(() -> SCHEMA.parseForm(form("items[0][name]", "pen", "items[1][count]", "x"))));
        assertEquals(List.of(new ApiException.FieldIssue("items[10][name]", "is not a known property"),
                        new ApiException.FieldIssue("items[0][colour]", "is not a known property")),
                issues(() -> SCHEMA.parseForm(form("items[10][name]", "pen", "items[0][colour]", "red"))));
        assertEquals(List.of(new ApiException.FieldIssue("items[0][name]", "must be at most 5 characters")),
                issues(() -> SCHEMA.parse("{\"items[0][name]\":\"pencil\"}".getBytes())), "JSON bodies alike");
    }

    @Test
    void theDocumentShowsFamiliesAsPatternProperties() {
        Map<String, Object> doc = SCHEMA.openApi();
        assertEquals(false, doc.get("additionalProperties"));
        @SuppressWarnings("unchecked")
        Map<String, Object> families = (Map<String, Object>) doc.get("patternProperties");
        assertEquals(List.of("^items\\[[0-9]\\]\\[name\\]$", "^items\\[[0-9]\\]\\[count\\]$"),
                List.copyOf(families.keySet()));
        assertEquals(Field.integer(0, 9).openApi(), families.get("^items\\[[0-9]\\]\\[count\\]$"));
        assertThrows(IllegalArgumentException.class, () -> Schema.object().pattern("(?i)items", Field.string(0, 1)),
                "a name pattern the document could not carry is refused");
    }
}
