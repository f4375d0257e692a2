package org.civicast.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.civicast.links.ShortLinks;
import org.civicast.platform.config.PricingSettings;
import org.civicast.projects.compose.Composer;
import org.civicast.projects.compose.MessageTemplate;
import org.civicast.projects.compose.Segments;

/**
 * What a project is expected to send and cost before it is sent.
 *
 * <p>The message is measured once, rendered with typical values rather than each recipient's:
 * every merge tag takes a value of its typical length in GSM characters (first and last name 10,
 * address 25, second address line 10, city 12, state 2, ZIP 5, phone 12, a custom tag 12), and
 * {@code {link}} the tracked link as it will be written, {@code https://<domain>/} and an
 * 8-character code; the footer and smart encoding apply as for real. A recipient with longer
 * values, or with a character outside GSM-7 in them (a ç, an emoji), may take more segments than
 * the estimate.
 *
 * <p>The cost is recipients × segments × the price per SMS segment, or recipients × the price per
 * MMS (which is not segmented), rounded up to a whole cent.
 *
 * @param segments segments of each message (1 for MMS)
 * @param encoding GSM_7 or UCS_2, of the text as measured
 */
record CostEstimate(int recipients, int segments, Segments.Encoding encoding, long costCents) {
    static final Map<String, Integer> TYPICAL_LENGTHS = Map.of("first_name", 10, "last_name", 10, "address", 25,
            "address_line_2", 10, "city", 12, "state", 2, "zip", 5, "phone", 12);
    static final int TYPICAL_CUSTOM_LENGTH = 12;
    /** A short link's code: 8 characters (docs/links.md). */
    static final int LINK_CODE_LENGTH = 8;

    static CostEstimate of(ProjectSettings s, MessageTemplate template, String linkDomain, int recipients,
                           PricingSettings prices) {
        Map<String, String> values = new HashMap<>();
        for (String tag : template.tags()) {
            values.put(tag, tag.equals(MessageTemplate.LINK)
                    ? ShortLinks.url(linkDomain == null ? "example.org" : linkDomain, "x".repeat(LINK_CODE_LENGTH))
                    : "x".repeat(TYPICAL_LENGTHS.getOrDefault(tag, TYPICAL_CUSTOM_LENGTH)));
        }
        Segments.Count count = new Composer(template, s.optOutFooter(), s.smartEncoding()).segments(values);
        int segments = s.mms() ? 1 : count.segments();
        BigDecimal unit = s.mms() ? prices.mmsCents() : prices.smsSegmentCents().multiply(BigDecimal.valueOf(segments));
        long cents = unit.multiply(BigDecimal.valueOf(recipients)).setScale(0, RoundingMode.CEILING).longValueExact();
        return new CostEstimate(recipients, segments, count.encoding(), cents);
    }
}
