package org.civicast.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicast.projects.compose.MergeField;
import org.civicast.projects.compose.MessageTemplate;
import org.civicast.projects.compose.TemplateException;
import org.junit.jupiter.api.Test;

/** Merge fields in braces, their inline fallbacks, and the texts that are refused. */
class MessageTemplateTest {
    @Test
    void fieldsAndFallbacksAreRead() {
        MessageTemplate t = MessageTemplate.parse("Hi {first_name|friend}, {city} votes {link}! {first_name}");
        assertEquals(List.of(new MergeField("first_name", "friend"), new MergeField("city", null),
                new MergeField("link", null), new MergeField("first_name", null)), t.fields());
        assertEquals(Set.of("first_name", "city", "link"), t.tags());
        assertTrue(t.uses("link"));
    }

    @Test
    void renderingUsesTheValueThenTheInlineFallbackThenNothing() {
        MessageTemplate t = MessageTemplate.parse("Hi {first_name|friend}, see you in {city}.");
        assertEquals("Hi Ann, see you in Dover.", t.render(Map.of("first_name", "Ann", "city", "Dover")));
        assertEquals("Hi friend, see you in .", t.render(Map.of()));
        Map<String, String> blank = new HashMap<>();
        blank.put("first_name", "  ");
        blank.put("city", null);
        assertEquals("Hi friend, see you in .", t.render(blank), "a blank value gives way to the fallback");
        assertEquals("{x} Ann", MessageTemplate.parse("{{x}} {first_name}").render(Map.of("first_name", "Ann")));
    }

    @Test
    void fallbacksMayBeEmptyOrHoldBarsAndAnyText() {
        assertEquals(new MergeField("first_name", ""), MessageTemplate.parse("{first_name|}").fields().getFirst());
        assertEquals(new MergeField("ward", "a|b"), MessageTemplate.parse("{ward|a|b}").fields().getFirst());
        assertEquals("Hola amigo 😀", MessageTemplate.parse("Hola {first_name|amigo 😀}").render(Map.of()));
    }

    @Test
    void malformedTextsAreRefusedSayingWhere() {
        Map<String, String> refused = Map.of(
                "Hi {First_Name}", "{First_Name} at character 4 is not a merge tag",
                "Hi {first_name", "the '{' at character 4 opens a merge tag that is never closed",
                "Hi first_name}", "a '}' at character 14 closes no merge tag",
                "Hi {}", "{} at character 4 is not a merge tag",
                "Hi { first_name }", "{ first_name } at character 4 is not a merge tag",
                "{a{b}}", "the '{' at character 1 opens a merge tag that is never closed",
                "SALE {TODAY ONLY}", "{TODAY ONLY} at character 6 is not a merge tag",
                "{2fa}", "{2fa} at character 1 is not a merge tag");
        refused.forEach((text, message) -> {
            TemplateException e = assertThrows(TemplateException.class, () -> MessageTemplate.parse(text), text);
            assertTrue(e.getMessage().startsWith(message), text + ": " + e.getMessage());
        });
    }
}
