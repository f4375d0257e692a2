package org.civicast.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.civicast.projects.compose.Composer;
import org.civicast.projects.compose.MessageTemplate;
import org.civicast.projects.compose.Segments;
import org.civicast.projects.compose.Segments.Encoding;
import org.civicast.projects.compose.SmartEncoding;
import org.junit.jupiter.api.Test;

/** Segment counts of tricky texts, as carriers bill them. */
class SegmentsTest {
    record Case(String name, String text, Encoding encoding, int units, int segments) {}

    private static String a(int n) {
        return "a".repeat(n);
    }

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, outside the BMP: a surrogate pair

    static final List<Case> TABLE = List.of(
            new Case("empty", "", Encoding.GSM_7, 0, 1),
            new Case("160 GSM characters: one segment", a(160), Encoding.GSM_7, 160, 1),
            new Case("161: two of 153", a(161), Encoding.GSM_7, 161, 2),
            new Case("306: exactly two", a(306), Encoding.GSM_7, 306, 2),
            new Case("307: three", a(307), Encoding.GSM_7, 307, 3),
            new Case("158 and a euro: 160 septets, one segment", a(158) + "€", Encoding.GSM_7, 160, 1),
            new Case("159 and a euro: 161 septets, two", a(159) + "€", Encoding.GSM_7, 161, 2),
            new Case("an extension character across the 153 boundary moves whole", a(152) + "€" + a(152),
                    Encoding.GSM_7, 306, 3),
            new Case("the same text without it fits two", a(152) + "e" + a(153), Encoding.GSM_7, 306, 2),
            new Case("every extension character costs two", "^{}\\[~]|€\f", Encoding.GSM_7, 20, 1),
            new Case("é is GSM", "Café é", Encoding.GSM_7, 6, 1),
            new Case("ç is not (only Ç is)", "Français", Encoding.UCS_2, 8, 1),
            new Case("Ç is GSM", "ÇA", Encoding.GSM_7, 2, 1),
            new Case("Greek capitals are GSM, small ones not", "ΩΣ ω", Encoding.UCS_2, 4, 1),
            new Case("70 UCS-2 units: one segment", "ç" + a(69), Encoding.UCS_2, 70, 1),
            new Case("71: two of 67", "ç" + a(70), Encoding.UCS_2, 71, 2),
            new Case("134: exactly two", "ç" + a(133), Encoding.UCS_2, 134, 2),
            new Case("135: three", "ç" + a(134), Encoding.UCS_2, 135, 3),
            new Case("an emoji is two units", EMOJI, Encoding.UCS_2, 2, 1),
            new Case("35 emoji: 70 units, one segment", EMOJI.repeat(35), Encoding.UCS_2, 70, 1),
            new Case("36 emoji: 33 fit the first segment, 3 the second", EMOJI.repeat(36), Encoding.UCS_2, 72, 2),
            new Case("a surrogate pair across the 67 boundary moves whole", a(66) + EMOJI + a(66), Encoding.UCS_2, 134, 3),
            new Case("a curly apostrophe makes the whole text UCS-2", "It\u2019s time to vote", Encoding.UCS_2, 17, 1),
            new Case("a tab is not GSM", "a\tb", Encoding.UCS_2, 3, 1),
            new Case("new lines are GSM", "a\nb\r\n", Encoding.GSM_7, 5, 1),
            new Case("a backtick is not GSM", "`", Encoding.UCS_2, 1, 1));

    @Test
    void theTableOfTrickyTexts() {
        for (Case c : TABLE) {
            assertEquals(new Segments.Count(c.encoding(), c.units(), c.segments()), Segments.count(c.text()), c.name());
        }
    }

    @Test
    void smartEncodingTurnsWordProcessorPunctuationIntoGsm() {
        String pasted = "\u201CVote\u201D \u2013 it\u2019s Tuesday\u2026\u00A0Polls\u2009open\tat 7\u200B\u2014bring ID \u00ABnow\u00BB";
        String encoded = SmartEncoding.apply(pasted);
        assertEquals("\"Vote\" - it's Tuesday... Polls open at 7-bring ID \"now\"", encoded);
        assertEquals(Encoding.UCS_2, Segments.count(pasted).encoding());
        assertEquals(Encoding.GSM_7, Segments.count(encoded).encoding());
        assertEquals("Zoë ç \uD83D\uDE00 €", SmartEncoding.apply("Zoë ç \uD83D\uDE00 €"), "letters, emoji and GSM text stay as written");
    }

    @Test
    void theFooterCountsTowardTheSegments() {
        MessageTemplate template = MessageTemplate.parse(a(150));
        assertEquals(1, new Composer(template, false, true).segments(Map.of()).segments());
        Segments.Count withFooter = new Composer(template, true, true).segments(Map.of());
        assertEquals(150 + Composer.OPT_OUT_FOOTER.length(), withFooter.units());
        assertEquals(2, withFooter.segments());
        assertEquals(a(150) + "\nReply STOP to opt out", new Composer(template, true, false).body(Map.of()));
    }

    @Test
    void smartEncodingAppliesToMergedValuesToo() {
        Composer composer = new Composer(MessageTemplate.parse("Hi {first_name}"), false, true);
        assertEquals("Hi O'Neil", composer.body(Map.of("first_name", "O\u2019Neil")));
        assertEquals(Encoding.GSM_7, composer.segments(Map.of("first_name", "O\u2019Neil")).encoding());
        Composer plain = new Composer(MessageTemplate.parse("Hi {first_name}"), false, false);
        assertEquals(Encoding.UCS_2, plain.segments(Map.of("first_name", "O\u2019Neil")).encoding());
    }
}
