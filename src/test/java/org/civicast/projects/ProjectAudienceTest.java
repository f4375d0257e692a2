package org.civicast.projects;

import static org.civicast.projects.ProjectWorld.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.civicast.platform.config.Config;
import org.civicast.platform.config.ConfigException;
import org.civicast.testing.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A project's audience and estimated cost from real imported lists: each number once across lists,
 * less suppressions, opt-outs and landlines; segments as measured, at the configured prices.
 */
class ProjectAudienceTest {
    static ProjectWorld w;
    static String wardA;
    static String wardB;
    static String doNotText;

    @BeforeAll
    static void start() throws Exception {
        w = ProjectWorld.start(Map.of("CIVICAST_PRICE_SMS_SEGMENT_CENTS", "1.5", "CIVICAST_PRICE_MMS_CENTS", "3.25"));
        wardA = w.list("Phone,First\n2025550301,Ann\n2025550302,Bob\n2025550303,Cy\n2025550304,Di\n",
                Map.of("first_name", "First"));
        wardB = w.list("Phone,First\n(202) 555-0304,Dee\n2025550305,Ed\n", Map.of("first_name", "First"));
        doNotText = w.list("Phone\n2025550301\n", Map.of());
    }

    @AfterAll
    static void stop() {
        if (w != null) w.close();
    }

    static JsonNode estimate(Map<String, Object> body) {
        return w.project(w.created(body));
    }

    @Test
    void recipientsAreEachNumberOnceAcrossListsLessSuppressionsOptOutsAndLandlines() throws Exception {
        assertEquals(4, estimate(w.body(wardA)).get("total_recipients").asInt());
        assertEquals(5, estimate(w.body(wardA, wardB)).get("total_recipients").asInt(), "0304 is in both lists: once");
        assertEquals(4, estimate(with(w.body(wardA, wardB), "suppression_list_ids", List.of(doNotText)))
                .get("total_recipients").asInt());

        // Numbers of their own, so that the opt-out and the landline change no other test's lists.
        String east = w.list("Phone\n2025550311\n2025550312\n2025550313\n", Map.of());
        String west = w.list("Phone\n2025550313\n2025550314\n2025550315\n", Map.of());
        String suppress = w.list("Phone\n2025550311\n", Map.of());
        String id = w.created(with(w.body(east, west), "suppression_list_ids", List.of(suppress)));
        assertEquals(4, w.project(id).get("total_recipients").asInt());
        try (Connection c = DriverManager.getConnection(w.server.databaseUrl())) {
            c.createStatement().execute("INSERT INTO opt_outs VALUES ('" + w.org + "', 12025550312, 'stop_reply', now())");
            c.createStatement().execute("UPDATE contacts SET line_type = 'landline', looked_up_at = now() WHERE phone = 12025550315");
        }
        JsonNode now = w.project(id);
        assertEquals(2, now.get("total_recipients").asInt(), "the count is of the audience as it is now");
        assertEquals(3, now.get("estimated_cost_cents").asInt(), "2 × 1 segment × 1.5¢");
    }

    @Test
    void aScheduledProjectShowsTheAudienceCountedWhenItWasScheduledUntilItIsUnscheduled() throws Exception {
        String list = w.list("Phone\n2025550321\n2025550322\n2025550323\n", Map.of());
        String id = w.created(w.body(list));
        ApiClient.Response scheduled = w.root.post("/v1/projects/" + id + "/schedule", Map.of(
                "scheduled_at", java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString(),
                "scheduled_timezone", "America/New_York"));
        assertEquals(200, scheduled.status(), scheduled.toString());
        try (Connection c = DriverManager.getConnection(w.server.databaseUrl())) {
            c.createStatement().execute("INSERT INTO opt_outs VALUES ('" + w.org + "', 12025550322, 'stop_reply', now())");
        }
        assertEquals(3, w.project(id).get("total_recipients").asInt(), "as counted when it was scheduled");
        assertEquals(200, w.root.post("/v1/projects/" + id + "/unschedule", Map.of()).status());
        assertEquals(2, w.project(id).get("total_recipients").asInt(), "counted again once unscheduled");
    }

    @Test
    void theCostIsRecipientsTimesSegmentsTimesThePriceRoundedUp() {
        JsonNode one = estimate(w.body(wardA));
        assertEquals(1, one.get("estimated_segments").asInt());
        assertEquals(6, one.get("estimated_cost_cents").asInt(), "4 × 1 × 1.5¢");

        // 150 characters and the footer's 22 make 172: two segments; without the footer, one.
        String text = "x".repeat(150);
        JsonNode footer = estimate(with(w.body(wardA), "message_text", text));
        assertEquals(2, footer.get("estimated_segments").asInt());
        assertEquals(12, footer.get("estimated_cost_cents").asInt());
        JsonNode bare = estimate(with(w.body(wardA), "message_text", text, "opt_out_footer_enabled", false));
        assertEquals(1, bare.get("estimated_segments").asInt());

        // A merge field counts at its typical length, not as written: {first_name} as 10 characters.
        JsonNode fits = estimate(with(w.body(wardA), "message_text", "y".repeat(150) + "{first_name}",
                "opt_out_footer_enabled", false));
        assertEquals(1, fits.get("estimated_segments").asInt(), "150 + 10 = 160");
        JsonNode over = estimate(with(w.body(wardA), "message_text", "y".repeat(151) + "{first_name}",
                "opt_out_footer_enabled", false));
        assertEquals(2, over.get("estimated_segments").asInt(), "151 + 10 = 161");
    }

    @Test
    void encodingDecidesTheSegments() {
        JsonNode curly = estimate(with(w.body(wardA), "message_text", "It\u2019s election day! " + "z".repeat(60),
                "opt_out_footer_enabled", false, "smart_encoding", false));
        assertEquals("ucs-2", curly.get("message_encoding").asText());
        assertEquals(2, curly.get("estimated_segments").asInt(), "79 UCS-2 characters");
        assertEquals(12, curly.get("estimated_cost_cents").asInt());
        JsonNode smart = estimate(with(w.body(wardA), "message_text", "It\u2019s election day! " + "z".repeat(60),
                "opt_out_footer_enabled", false));
        assertEquals("gsm-7", smart.get("message_encoding").asText(), "smart encoding makes it GSM-7");
        assertEquals(1, smart.get("estimated_segments").asInt());
        JsonNode french = estimate(with(w.body(wardA), "message_text", "Votez aujourd'hui, ça compte! " + "z".repeat(45),
                "opt_out_footer_enabled", false));
        assertEquals("ucs-2", french.get("message_encoding").asText(), "ç is not GSM-7, and is left as written");
        assertEquals(2, french.get("estimated_segments").asInt());
    }

    @Test
    void anMmsCostsThePricePerMessageWhateverItsLength() {
        JsonNode mms = estimate(with(w.body(wardA, wardB), "protocol", "mms", "message_text", "x".repeat(900)));
        assertEquals(1, mms.get("estimated_segments").asInt());
        assertEquals(17, mms.get("estimated_cost_cents").asInt(), "5 × 3.25¢ = 16.25, rounded up");
    }

    @Test
    void pricesAreSettingsCheckedAtStart() {
        Config defaults = Config.load(Map.of());
        assertEquals(0, new BigDecimal("0.75").compareTo(defaults.pricing().smsSegmentCents()));
        assertEquals(0, new BigDecimal("2").compareTo(defaults.pricing().mmsCents()));
        for (String bad : List.of("-1", "abc", "0.12345", "10001")) {
            String message = assertThrows(ConfigException.class,
                    () -> Config.load(Map.of("CIVICAST_PRICE_SMS_SEGMENT_CENTS", bad))).getMessage();
            assertTrue(message.contains("CIVICAST_PRICE_SMS_SEGMENT_CENTS"), message);
        }
        assertEquals(0, BigDecimal.ZERO.compareTo(Config.load(Map.of("CIVICAST_PRICE_MMS_CENTS", "0")).pricing().mmsCents()));
    }
}
