package org.civicast.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.MutableClock;
import org.civicast.testing.Parallel;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Campaigns: list filters, scoping, BRAND_ORG_MISMATCH, writes, and carrier throughput. */
class CampaignsTest {
    // 05:30 UTC on 20 March is still 19 March in California (UTC-7 in March 2026).
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-20T05:30:00Z"));
    static TestServer server;
    static ApiClient root;
    static String east;
    static String eastMetro;
    static String west;
    static ApiClient eastKey;
    static String politicalBrand;
    static String scoredBrand;
    static String metroBrand;
    static String westBrand;
    static String politicalCampaign;
    static String scoredCampaign;
    static String metroCampaign;
    static String westCampaign;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        root = server.root();
        String rootOrg = server.rootOrganizationId();
        east = server.createOrganization(rootOrg, "East");
        eastMetro = server.createOrganization(east, "East Metro");
        west = server.createOrganization(rootOrg, "West");
        eastKey = server.client(server.createKey(east, "read", "write"));
        politicalBrand = brand(eastKey, Map.of("brand_name", "Friends of Jane", "vertical", "POLITICAL",
                "campaign_verify_token", BrandsTest.TOKEN, "vetting_score", 30));
        scoredBrand = brand(eastKey, Map.of("brand_name", "Scored Nonprofit", "vetting_score", 62));
        metroBrand = brand(eastKey, Map.of("brand_name", "Metro", "organization_id", eastMetro));
        westBrand = brand(root, Map.of("brand_name", "West", "organization_id", west));
        politicalCampaign = campaign(eastKey, politicalBrand, "GOTV", "POLITICAL");
        scoredCampaign = campaign(eastKey, scoredBrand, "Donors", "MIXED");
        metroCampaign = campaign(eastKey, metroBrand, "Metro news", "MARKETING");
        westCampaign = campaign(root, westBrand, "West news", "MARKETING");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String brand(ApiClient key, Map<String, Object> body) {
        return TestServer.idOf(key.post("/v1/brands", body));
    }

    static String campaign(ApiClient key, String brand, String name, String useCase) {
        return TestServer.idOf(key.post("/v1/campaigns", Map.of("brand_id", brand, "name", name, "use_case", useCase)));
    }

    @Test
    void campaignHasContractFields() {
        ApiClient.Response r = eastKey.get("/v1/campaigns?brand_id=" + scoredBrand);
        assertEquals(200, r.status());
        assertEquals(1, r.data().size());
        JsonNode c = r.data().get(0);
        assertEquals(scoredCampaign, c.get("id").asText());
        assertTrue(scoredCampaign.startsWith("camp_"));
        assertEquals("Donors", c.get("name").asText());
        assertEquals(scoredBrand, c.get("brand_id").asText());
        assertEquals("Scored Nonprofit", c.get("brand_name").asText());
        assertEquals(east, c.get("org_id").asText());
        assertEquals("East", c.get("org_name").asText());
        assertEquals("pending", c.get("campaign_status").asText());
        assertTrue(c.get("notes").isNull());
        assertEquals("2026-03-20T05:30:00Z", c.get("created_at").asText());
        assertEquals("MIXED", c.get("use_case").asText());
        assertTrue(c.get("tcr_campaign_id").isNull());
        assertTrue(c.get("tmobile_daily_cap").isNull());
    }

    @Test
    void filtersAndScoping() {
        List<String> visible = BrandsTest.ids(eastKey.get("/v1/campaigns").data());
        assertTrue(visible.containsAll(List.of(politicalCampaign, scoredCampaign, metroCampaign)));
        assertFalse(visible.contains(westCampaign));
        assertEquals(visible.stream().sorted().toList(), visible);
        assertEquals(List.of(metroCampaign), BrandsTest.ids(eastKey.get("/v1/campaigns?organization_id=" + eastMetro).data()));
        assertEquals(List.of(metroCampaign), BrandsTest.ids(eastKey.get(
                "/v1/campaigns?organization_id=" + eastMetro + "&brand_id=" + metroBrand).data()));
        assertEquals(0, eastKey.get("/v1/campaigns?brand_id=" + westBrand).data().size(), "a sibling's brand matches nothing");
        assertEquals(0, eastKey.get("/v1/campaigns?brand_id=brand_unknown").data().size());
        assertEquals("ORG_ACCESS_DENIED", eastKey.get("/v1/campaigns?organization_id=" + west).code());
        assertTrue(BrandsTest.ids(root.get("/v1/campaigns").data()).contains(westCampaign));
        assertEquals(404, eastKey.get("/v1/campaigns/" + westCampaign + "/throughput").status());
        assertEquals(404, eastKey.patch("/v1/campaigns/" + westCampaign, Map.of("notes", "x")).status());
    }

    @Test
    void brandAndOrganizationMustAgree() {
        ApiClient.Response r = eastKey.get("/v1/campaigns?organization_id=" + eastMetro + "&brand_id=" + scoredBrand);
        assertEquals(400, r.status());
        assertEquals("BRAND_ORG_MISMATCH", r.code());
    }

    @Test
    void politicalCampaignVerifiedBrandIsNotCarrierMetered() {
        JsonNode t = eastKey.get("/v1/campaigns/" + politicalCampaign + "/throughput").data();
        assertEquals(politicalCampaign, t.get("campaign_id").asText());
        assertEquals(politicalBrand, t.get("brand_id").asText());
        assertFalse(t.get("carrier_metered").asBoolean());
        assertTrue(t.get("t_mobile").isNull());
        assertTrue(t.get("att").isNull());
    }

    @Test
    void scoredBrandGetsTierTermsAndPacificDay() {
        JsonNode t = eastKey.get("/v1/campaigns/" + scoredCampaign + "/throughput").data();
        assertTrue(t.get("carrier_metered").asBoolean());
        JsonNode tm = t.get("t_mobile");
        assertEquals(40_000, tm.get("daily_cap").asInt());
        assertEquals(0, tm.get("used_today").asInt());
        assertEquals(40_000, tm.get("remaining_today").asInt());
        assertEquals("2026-03-19", tm.get("pacific_day").asText());
        assertEquals(2_400, t.get("att").get("sms_tpm").asInt());
        assertEquals(1_200, t.get("att").get("mms_tpm").asInt());
    }

    @Test
    void storedTermsWinAndUnknownIsNull() {
        JsonNode none = eastKey.get("/v1/campaigns/" + metroCampaign + "/throughput").data();
        assertTrue(none.get("carrier_metered").asBoolean());
        assertTrue(none.get("t_mobile").isNull(), "no vetting score: unknown, not zero");
        assertTrue(none.get("att").isNull());

        String brand = brand(eastKey, Map.of("brand_name", "Granted", "vetting_score", 90));
        String id = TestServer.idOf(eastKey.post("/v1/campaigns", Map.of("brand_id", brand, "name", "Granted",
                "use_case", "POLITICAL", "tmobile_daily_cap", 75_000, "att_sms_tpm", 1_000)));
        JsonNode t = eastKey.get("/v1/campaigns/" + id + "/throughput").data();
        assertTrue(t.get("carrier_metered").asBoolean(), "political use case without a CV token is metered");
        assertEquals(75_000, t.get("t_mobile").get("daily_cap").asInt());
        assertEquals(1_000, t.get("att").get("sms_tpm").asInt());
        assertEquals(2_400, t.get("att").get("mms_tpm").asInt(), "the unstored half comes from the score");

        Map<String, Object> clear = new HashMap<>();
        clear.put("tmobile_daily_cap", null);
        clear.put("campaign_status", "active");
        JsonNode patched = eastKey.patch("/v1/campaigns/" + id, clear).data();
        assertTrue(patched.get("tmobile_daily_cap").isNull());
        assertEquals("active", patched.get("campaign_status").asText());
        assertEquals(200_000, eastKey.get("/v1/campaigns/" + id + "/throughput").data()
                .get("t_mobile").get("daily_cap").asInt());
    }

    @Test
    void badInputsAreRejectedAndChangeNothing() {
        int before = root.get("/v1/campaigns").data().size();
        List<Map<String, Object>> bad = List.of(
                Map.of("brand_id", scoredBrand, "name", "X"),
                Map.of("brand_id", scoredBrand, "name", "X", "use_case", "SPAM"),
                Map.of("brand_id", scoredBrand, "name", "X", "use_case", "MIXED", "campaign_status", "live"),
                Map.of("brand_id", scoredBrand, "name", "X", "use_case", "MIXED", "tmobile_daily_cap", 0),
                Map.of("brand_id", scoredBrand, "name", "X", "use_case", "MIXED", "att_sms_tpm", 1.5),
                Map.of("brand_id", scoredBrand, "name", "X", "use_case", "MIXED", "organization_id", east));
        for (Map<String, Object> body : bad) {
            ApiClient.Response r = eastKey.post("/v1/campaigns", body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("VALIDATION_ERROR", r.code());
        }
        ApiClient.Response foreign = eastKey.post("/v1/campaigns",
                Map.of("brand_id", westBrand, "name", "X", "use_case", "MIXED"));
        assertEquals(404, foreign.status());
        assertEquals("NOT_FOUND", foreign.code());
        assertEquals(before, root.get("/v1/campaigns").data().size());
    }

    @Test
    void campaignWithNumbersCannotBeDeleted() {
        String id = campaign(eastKey, scoredBrand, "Temporary", "MIXED");
        String number = TestServer.idOf(eastKey.post("/v1/phone-numbers",
                Map.of("number", "+1 202 555 0170", "channel", "10dlc", "campaign_id", id)));
        ApiClient.Response r = eastKey.delete("/v1/campaigns/" + id);
        assertEquals(409, r.status());
        assertEquals("CAMPAIGN_HAS_PHONE_NUMBERS", r.json().get("details").get("reason").asText());
        assertEquals(200, eastKey.delete("/v1/phone-numbers/" + number).status());
        JsonNode deleted = eastKey.delete("/v1/campaigns/" + id).data();
        assertEquals(id, deleted.get("id").asText());
        assertTrue(deleted.get("deleted").asBoolean());
    }

    static JsonNode listed(String id) {
        for (JsonNode c : eastKey.get("/v1/campaigns").data()) if (c.get("id").asText().equals(id)) return c;
        throw new AssertionError(id + " is not listed");
    }

    @Test
    void patchOfOneFieldLeavesTheOthersAndAnExplicitNullClears() {
        String brand = brand(eastKey, Map.of("brand_name", "Terms"));
        String id = TestServer.idOf(eastKey.post("/v1/campaigns", Map.of("brand_id", brand, "name", "Terms",
                "use_case", "MIXED", "tcr_campaign_id", "CFULL1", "tmobile_daily_cap", 5_000, "att_sms_tpm", 300,
                "att_mms_tpm", 100, "notes", "granted")));
        JsonNode before = listed(id);
        CLOCK.advance(java.time.Duration.ofMinutes(1));
        assertEquals(before, eastKey.patch("/v1/campaigns/" + id, Map.of()).data(), "an empty PATCH changes nothing");

        JsonNode after = eastKey.patch("/v1/campaigns/" + id, Map.of("att_mms_tpm", 150)).data();
        assertEquals(150, after.get("att_mms_tpm").asInt());
        for (String field : List.of("name", "brand_id", "use_case", "campaign_status", "tcr_campaign_id",
                "tmobile_daily_cap", "att_sms_tpm", "notes", "created_at")) {
            assertEquals(before.get(field), after.get(field), field + " stays");
        }
        assertEquals(CLOCK.instant().toString(), after.get("updated_at").asText());

        Map<String, Object> clear = new HashMap<>();
        clear.put("tcr_campaign_id", null);
        clear.put("att_sms_tpm", null);
        clear.put("notes", null);
        JsonNode cleared = eastKey.patch("/v1/campaigns/" + id, clear).data();
        clear.keySet().forEach(field -> assertTrue(cleared.get(field).isNull(), field + " cleared"));
        assertEquals(5_000, cleared.get("tmobile_daily_cap").asInt());
        assertEquals(150, cleared.get("att_mms_tpm").asInt());
        assertEquals("Terms", cleared.get("name").asText());
        assertEquals(cleared, listed(id));
    }

    @Test
    void duplicateTcrCampaignIdIsAConflictOnCreateAndUpdateAndChangesNothing() {
        String brand = brand(eastKey, Map.of("brand_name", "Registrations"));
        TestServer.idOf(eastKey.post("/v1/campaigns", Map.of("brand_id", brand, "name", "Registered",
                "use_case", "MIXED", "tcr_campaign_id", "CDUP1")));
        String other = TestServer.idOf(eastKey.post("/v1/campaigns", Map.of("brand_id", brand, "name", "Other",
                "use_case", "MIXED", "tcr_campaign_id", "CDUP2")));
        int before = root.get("/v1/campaigns").data().size();
        assertDuplicateTcrCampaignId(eastKey.post("/v1/campaigns", Map.of("brand_id", metroBrand, "name", "Copy",
                "use_case", "MIXED", "tcr_campaign_id", "CDUP1")));
        assertDuplicateTcrCampaignId(root.post("/v1/campaigns", Map.of("brand_id", westBrand, "name", "Copy",
                "use_case", "MIXED", "tcr_campaign_id", "CDUP1")));
        assertEquals(before, root.get("/v1/campaigns").data().size());

        JsonNode otherBefore = listed(other);
        assertDuplicateTcrCampaignId(eastKey.patch("/v1/campaigns/" + other,
                Map.of("tcr_campaign_id", "CDUP1", "campaign_status", "active")));
        assertEquals(otherBefore, listed(other), "the refused PATCH changed nothing");
    }

    private static void assertDuplicateTcrCampaignId(ApiClient.Response r) {
        assertEquals(409, r.status(), r.toString());
        assertEquals("CONFLICT", r.code());
        assertEquals("TCR_CAMPAIGN_ID_EXISTS", r.json().get("details").get("reason").asText());
        assertEquals("Another campaign already has TCR campaign id CDUP1", r.json().get("error").asText());
    }

    @Test
    void concurrentPatchesOfDifferentFieldsAllTakeEffect() {
        String id = campaign(eastKey, brand(eastKey, Map.of("brand_name", "Raced")), "Raced", "MIXED");
        for (int round = 1; round <= 8; round++) {
            int r = round;
            Parallel.run(() -> eastKey.patch("/v1/campaigns/" + id, Map.of("tmobile_daily_cap", 1_000 * r)),
                            () -> eastKey.patch("/v1/campaigns/" + id, Map.of("att_sms_tpm", 10 * r)),
                            () -> eastKey.patch("/v1/campaigns/" + id, Map.of("notes", "round " + r)))
                    .forEach(a -> assertEquals(200, a.status(), a.toString()));
            JsonNode c = listed(id);
            assertEquals(List.of(1_000 * r, 10 * r, "round " + r), List.of(c.get("tmobile_daily_cap").asInt(),
                    c.get("att_sms_tpm").asInt(), c.get("notes").asText()));
        }
    }
}
