package org.civicast.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The destination rules: each recipient's URL from the project's settings, and the settings refused. */
class ShortLinkDestinationTest {
    private static final long PHONE = 12025550143L;

    /** settings (destination | param field | fallback), the recipient's value of the field, the URL. */
    @ParameterizedTest(name = "{0} with {1}={3} → {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # no parameter: the destination as it is
            https://example.org/donate?a=1#top    | NULL        | NULL                       | x                        | https://example.org/donate?a=1#top
            # inline: encoded in place, nothing appended; every occurrence
            https://test.com?utm_content=xyzd_{linkid} | linkid | NULL                       | a b&c=d/é+              | https://test.com?utm_content=xyzd_a%20b%26c%3Dd%2F%C3%A9%2B
            https://example.org/p/{ref}/x?r={ref} | ref         | NULL                       | 42                       | https://example.org/p/42/x?r=42
            https://example.org/#/form/{ref}      | ref         | NULL                       | A~b.c_d-e                | https://example.org/#/form/A~b.c_d-e
            https://example.org/{ref}             | ref         | NULL                       | NULL                     | https://example.org/
            # appended: ? or & as the query needs, before the fragment
            https://example.org/donate            | ref         | NULL                       | tv ad                    | https://example.org/donate?ref=tv%20ad
            https://example.org/donate?a=1        | ref         | NULL                       | 7                        | https://example.org/donate?a=1&ref=7
            https://example.org/donate?           | ref         | NULL                       | 7                        | https://example.org/donate?ref=7
            https://example.org/donate?a=1&       | ref         | NULL                       | 7                        | https://example.org/donate?a=1&ref=7
            https://example.org/donate#section    | ref         | NULL                       | 7                        | https://example.org/donate?ref=7#section
            https://example.org/d?a=1#s?x=y       | ref         | NULL                       | 7                        | https://example.org/d?a=1&ref=7#s?x=y
            https://example.org/donate            | ref         | NULL                       | NULL                     | https://example.org/donate?ref=
            # the phone, in E.164 with its + encoded
            https://example.org/donate            | phone       | NULL                       | ignored                  | https://example.org/donate?phone=%2B12025550143
            https://example.org/s?p={phone}#x     | phone       | NULL                       | ignored                  | https://example.org/s?p=%2B12025550143#x
            # whole URL: the contact's own URL, https:// put in front when it has no scheme, else the fallback
            https://{custom_url}                  | custom_url  | https://example.org/home   | https://shop.example.com/a?b=1 | https://shop.example.com/a?b=1
            https://{custom_url}                  | custom_url  | https://example.org/home   | http://plain.example.com | http://plain.example.com
            https://{custom_url}                  | custom_url  | https://example.org/home   | HTTPS://Loud.Example.com/x | HTTPS://Loud.Example.com/x
            https://{custom_url}                  | custom_url  | https://example.org/home   | '  www.example.net/p  '  | https://www.example.net/p
            https://{custom_url}                  | custom_url  | https://example.org/home   | example.net:8443/p       | https://example.net:8443/p
            https://{custom_url}                  | custom_url  | https://example.org/home   | example.net/café         | https://example.net/caf%C3%A9
            https://{custom_url}                  | custom_url  | https://example.org/home   | NULL                     | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | '   '                    | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | n/a                      | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | javascript:alert(1)      | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | mailto:a@example.org     | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | ftp://example.org/f      | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | //example.org/x          | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | https://exa mple.org     | https://example.org/home
            https://{custom_url}                  | custom_url  | https://example.org/home   | localhost:3000           | https://example.org/home
            """)
    void eachRecipientsDestination(String destination, String field, String fallback, String value, String expected) {
        Map<String, String> fields = new HashMap<>();
        if (field != null && value != null) fields.put(field, value);
        LinkDestination rules = LinkDestination.of(new LinkTracking("td_1", destination, field, fallback));
        assertEquals(expected, rules.resolve(new LinkRecipient(PHONE, fields)));
    }

    @org.junit.jupiter.api.Test
    void aContactUrlLongerThanTheLimitFallsBack() {
        LinkDestination rules = LinkDestination.of(new LinkTracking("td_1", "https://{u}", "u", "https://example.org/f"));
        String longUrl = "https://example.org/" + "a".repeat(LinkDestination.MAX_URL);
        assertEquals("https://example.org/f", rules.resolve(new LinkRecipient(PHONE, Map.of("u", longUrl))));
    }

    /** Settings refused with 400 INVALID_LINK_PLACEHOLDER, and the words of the reason. */
    @ParameterizedTest(name = "{0} / {1} / {2} → {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                                  | NULL       | NULL                     | is required
            https://test.com?c={linkid}           | ref        | NULL                     | {linkid} is not the link_tracking_param_field (ref)
            https://test.com?c={linkid}           | NULL       | NULL                     | needs link_tracking_param_field linkid
            https://test.com/{ref}?c={other}      | ref        | NULL                     | {other} is not
            https://{custom_url}                  | custom_url | NULL                     | fallback_url is required
            https://{custom_url}                  | other      | https://example.org      | not the link_tracking_param_field
            https://{phone}                       | phone      | https://example.org      | not allowed
            https://{custom_url}                  | custom_url | example.org              | http(s) URL
            https://{custom_url}                  | custom_url | https://example.org/{x}  | cannot hold a placeholder
            https://example.org/donate            | NULL       | https://example.org      | only with a whole-URL destination
            http://{custom_url}                   | custom_url | NULL                     | path, query or fragment
            https://{sub}.example.org/            | sub        | NULL                     | path, query or fragment
            https://example.org{ref}              | ref        | NULL                     | path, query or fragment
            https://example.org/a{b               | NULL       | NULL                     | not part of a {field}
            https://example.org/a}                | NULL       | NULL                     | not part of a {field}
            example.org/donate                    | NULL       | NULL                     | http(s) URL whose host has a dot
            ftp://example.org/f                   | NULL       | NULL                     | http(s) URL
            https://localhost/x                   | NULL       | NULL                     | host has a dot
            https://example.org/a b               | NULL       | NULL                     | http(s) URL
            https://example.org/                  | Ref Code   | NULL                     | merge tag
            https://example.org/                  | a_very_long_field_name_that_goes_on_and_on_past_sixty_four_chars_ | NULL | merge tag
            """)
    void settingsRefused(String destination, String field, String fallback, String reason) {
        LinkTracking settings = new LinkTracking("td_1", destination, field, fallback);
        String problem = LinkDestination.problem(settings);
        assertNotNull(problem, "refused");
        assertTrue(problem.contains(reason), problem);
        assertThrows(IllegalArgumentException.class, () -> LinkDestination.of(settings));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://example.org/donate                 | NULL       | NULL
            https://example.org/donate                 | phone      | NULL
            http://example.org:8080/x?utm={ref}#f      | ref        | NULL
            https://{custom_url}                       | custom_url | https://example.org/home
            https://example.org/café/{ref}             | ref        | NULL
            """)
    void settingsAccepted(String destination, String field, String fallback) {
        assertNull(LinkDestination.problem(new LinkTracking("td_1", destination, field, fallback)));
    }

    @org.junit.jupiter.api.Test
    void nonAsciiInTheDestinationIsPercentEncoded() {
        LinkDestination rules = LinkDestination.of(new LinkTracking("td_1", "https://example.org/café/{ref}", "ref", null));
        assertEquals("https://example.org/caf%C3%A9/1", rules.resolve(new LinkRecipient(PHONE, Map.of("ref", "1"))));
    }
}
