package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.civicast.links.TrackingDomainService;
import org.civicast.numbers.PhoneNumbers;
import org.junit.jupiter.api.Test;

/**
 * A field's rule as the OpenAPI document shows it accepts what the server accepts: its pattern
 * (ECMA-262, anchored) exactly what the server's whole-value Java match accepts, a pattern that
 * cannot be shown faithfully is refused, and a nullable choice lists null.
 */
class FieldOpenApiTest {
    /** The tracking-domain pattern before it was spelled without (?i) and $. */
    private static final String OLD_DOMAIN_PATTERN =
            "(?i)(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

    private static final List<String> SERVER_PATTERNS = List.of(TrackingDomainService.DOMAIN_PATTERN,
            PhoneNumbers.INPUT_PATTERN, "[A-Za-z0-9_\\-]+", "[A-Za-z0-9_\\-.:]+", "\\d{2}-?\\d{7}", "\\S+",
            "[^@\\s]+@[^@\\s]+");

    @Test
    void aNullableChoiceListsNullAmongItsValues() {
        assertEquals(java.util.Arrays.asList("A", "B", null), Field.oneOf("A", "B").nullable().openApi().get("enum"));
        assertEquals(List.of("A", "B"), Field.oneOf("A", "B").openApi().get("enum"));
        assertEquals(List.of("string", "null"), Field.oneOf("A", "B").nullable().openApi().get("type"));
    }

    @Test
    void documentedFormsOfTheServersPatterns() {
        assertEquals("^[A-Za-z0-9_\\-]+$", Field.EcmaPattern.anchored("[A-Za-z0-9_\\-]+"));
        assertEquals("^\\d{2}-?\\d{7}$", Field.EcmaPattern.anchored("\\d{2}-?\\d{7}"));
        assertEquals("^[^\\t\\n\\x0B\\f\\r ]+$", Field.EcmaPattern.anchored("\\S+"));
        assertEquals("^[^@\\t\\n\\x0B\\f\\r ]+@[^@\\t\\n\\x0B\\f\\r ]+$", Field.EcmaPattern.anchored("[^@\\s]+@[^@\\s]+"));
        assertEquals("^\\+?[0-9()\\-. ]{3,31}$", Field.EcmaPattern.anchored(PhoneNumbers.INPUT_PATTERN));
        assertEquals("^(?:a|b-c)$", Field.EcmaPattern.anchored("a|b\\-c"));
        assertEquals("^(a|b)[^\\n\\r\\u0085\\u2028\\u2029]$", Field.EcmaPattern.anchored("(a|b)."));
        String domain = Field.EcmaPattern.anchored(TrackingDomainService.DOMAIN_PATTERN);
        assertTrue(domain.startsWith("^(?=") && domain.endsWith("?$") && !domain.contains("(?i)"), domain);
    }

    @Test
    void constructsTheDialectsReadDifferentlyAreRefused() {
        for (String regex : List.of("(?i)abc", "^abc", "abc$", "a++", "a*+", "(?<name>a)", "(?>a)", "\\p{L}+",
                "\\Aabc", "\\Qa.b\\E", "(a)\\1", "[a-z&&[^e]]", "[a[bc]]", "[^\\S]", "\\h", "\\x41", "[]a]")) {
            assertThrows(IllegalArgumentException.class, () -> Field.string(1, 10).pattern(regex), regex);
        }
    }

    /** The new tracking-domain pattern accepts exactly what the old one did. */
    @Test
    void theDomainPatternMeansWhatItMeant() {
        Pattern before = Pattern.compile(OLD_DOMAIN_PATTERN);
        Pattern now = Pattern.compile(TrackingDomainService.DOMAIN_PATTERN);
        Random random = new Random(7);
        List<String> inputs = samples(random, 5_000, "aZz09.-_ \nK\u212a");
        inputs.addAll(hostnames(random, 20_000));
        int accepted = 0;
        for (String s : inputs) {
            accepted += now.matcher(s).matches() ? 1 : 0;
            assertEquals(before.matcher(s).matches(), now.matcher(s).matches(), "on '" + s + "'");
        }
        assertTrue(accepted > 1_000 && accepted < inputs.size() - 1_000, "accepted " + accepted);
        for (String s : List.of("links.example.org", "LINKS.Example.ORG", "a.b", "ab.c", "a.bc", "x.123", "x.1a",
                "-a.org", "a-.org", "a..org", "a.org.", "a".repeat(63) + ".org", "a".repeat(64) + ".org",
                ("a".repeat(61) + ".").repeat(4) + "abcd", ("a".repeat(61) + ".").repeat(4) + "abcde")) {
            assertEquals(before.matcher(s).matches(), now.matcher(s).matches(), "on '" + s + "'");
        }
    }

    /**
     * Java reads the documented pattern as ECMA-262 does (it uses only constructs both dialects
     * share), so matching it whole in Java must agree with the server's own whole-value match.
     */
    @Test
    void theDocumentedPatternAcceptsExactlyWhatTheServerAccepts() {
        Random random = new Random(11);
        String alphabet = "aZ09._-@:+() \t\n\r\u000b\f\u00a0\u0085\u2028\u3000\ufeff\u00e9\u202e";
        for (String regex : SERVER_PATTERNS) {
            Pattern server = Pattern.compile(regex);
            Pattern documented = Pattern.compile(Field.EcmaPattern.anchored(regex));
            List<String> inputs = samples(random, 5_000, alphabet);
            inputs.addAll(List.of("", "a@b", "a b@c", "a\u00a0b@c", "12-3456789", "123456789", "links.example.org",
                    "+1 (202) 555-0100", "tok\u0085en", "token\n", "abc\n"));
            for (String s : inputs) {
                assertEquals(server.matcher(s).matches(), documented.matcher(s).matches(),
                        regex + " on '" + s.replace("\n", "\\n") + "'");
            }
        }
    }

    /** Dotted labels of 0 to 70 characters, mostly hostname characters, a few others. */
    private static List<String> hostnames(Random random, int count) {
        String usual = "abcXYZ019-";
        String odd = "_ .\n\u212a\u00e9";
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int labels = 1 + random.nextInt(i % 50 == 0 ? 8 : 4);
            for (int l = 0; l < labels; l++) {
                if (l > 0) s.append('.');
                int length = random.nextInt(100) < 3 ? 60 + random.nextInt(10) : random.nextInt(8);
                for (int c = 0; c < length; c++) {
                    String from = random.nextInt(100) < 2 ? odd : usual;
                    s.append(from.charAt(random.nextInt(from.length())));
                }
            }
            if (random.nextInt(100) < 3) s.append(random.nextBoolean() ? "." : "\n");
            out.add(s.toString());
        }
        return out;
    }

    private static List<String> samples(Random random, int count, String alphabet) {
        List<String> out = new ArrayList<>();
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(i % 10 == 0 ? 300 : 14);
            for (int j = 0; j < length; j++) s.appendCodePoint(points[random.nextInt(points.length)]);
            out.add(s.toString());
        }
        return out;
    }
}
