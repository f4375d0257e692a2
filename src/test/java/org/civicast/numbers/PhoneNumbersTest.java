package org.civicast.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.Parallel;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Phone numbers: normalisation, owner types, filters, scoping and sharing down the tree. */
class PhoneNumbersTest {
    static TestServer server;
    static ApiClient root;
    static String rootOrg;
    static String east;
    static String eastMetro;
    static String west;
    static ApiClient eastKey;
    static ApiClient metroKey;
    static String eastBrand;
    static String eastCampaign;
    static String metroCampaign;
    static String eastTfv;
    static String eastNumber;
    static String eastTollFree;
    static String eastShortCode;
    static String metroNumber;
    static String westNumber;
    static String rootNumber;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.root();
        rootOrg = server.rootOrganizationId();
        east = server.createOrganization(rootOrg, "East");
        eastMetro = server.createOrganization(east, "East Metro");
        west = server.createOrganization(rootOrg, "West");
        eastKey = server.client(server.createKey(east, "read", "write"));
        metroKey = server.client(server.createKey(eastMetro, "read", "write"));
        eastBrand = TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "East Brand")));
        String metroBrand = TestServer.idOf(metroKey.post("/v1/brands", Map.of("brand_name", "Metro Brand")));
        eastCampaign = TestServer.idOf(eastKey.post("/v1/campaigns",
                Map.of("brand_id", eastBrand, "name", "East GOTV", "use_case", "POLITICAL")));
        metroCampaign = TestServer.idOf(metroKey.post("/v1/campaigns",
                Map.of("brand_id", metroBrand, "name", "Metro GOTV", "use_case", "POLITICAL")));
        eastTfv = TestServer.idOf(eastKey.post("/v1/toll-free-verifications",
                Map.of("name", "East TF", "business_name", "East Inc", "status", "In Progress")));
        eastNumber = number(eastKey, Map.of("number", "(202) 555-0143", "channel", "10dlc", "campaign_id", eastCampaign));
        eastTollFree = number(eastKey, Map.of("number", "888-555-0123", "channel", "toll-free",
                "toll_free_verification_id", eastTfv));
        eastShortCode = number(eastKey, Map.of("number", "12345", "channel", "short-code"));
        metroNumber = number(metroKey, Map.of("number", "+1 415 555 2671", "channel", "10dlc"));
        westNumber = number(root, Map.of("number", "+1 312 555 0199", "channel", "10dlc", "organization_id", west));
        rootNumber = number(root, Map.of("number", "+1 617 555 0100", "channel", "10dlc"));
        assertEquals(201, root.post("/v1/phone-numbers/" + rootNumber + "/shares",
                Map.of("organization_id", east, "nickname", "HQ line")).status());
        assertEquals(201, eastKey.post("/v1/phone-numbers/" + eastNumber + "/shares",
                Map.of("organization_id", eastMetro, "nickname", "East's line")).status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String number(ApiClient key, Map<String, Object> body) {
        return TestServer.idOf(key.post("/v1/phone-numbers", body));
    }

    /** "id/org_id/shared" of every row, to see owned and shared rows apart. */
    static List<String> rows(ApiClient.Response r) {
        assertEquals(200, r.status(), r.toString());
        List<String> rows = new ArrayList<>();
        r.data().forEach(n -> rows.add(n.get("id").asText() + "/" + n.get("org_id").asText() + "/" + n.get("shared").asBoolean()));
        return rows;
    }

    static JsonNode row(JsonNode list, String id, boolean shared) {
        for (JsonNode n : list) if (n.get("id").asText().equals(id) && n.get("shared").asBoolean() == shared) return n;
        throw new AssertionError(id + " not listed in " + list);
    }

    @Test
    void ownedRowsShowTheirAssignments() {
        JsonNode list = eastKey.get("/v1/phone-numbers").data();
        JsonNode n = row(list, eastNumber, false);
        assertEquals("+12025550143", n.get("number").asText());
        assertEquals("10dlc", n.get("channel").asText());
        assertEquals("campaign", n.get("owner_type").asText());
        assertEquals(eastCampaign, n.get("campaign_id").asText());
        assertEquals("East GOTV", n.get("campaign_name").asText());
        assertEquals(eastBrand, n.get("brand_id").asText());
        assertEquals("East Brand", n.get("brand_name").asText());
        assertTrue(n.get("toll_free_verification_id").isNull());
        assertEquals(east, n.get("org_id").asText());
        assertEquals("East", n.get("org_name").asText());
        assertEquals("active", n.get("status").asText());
        assertTrue(n.get("created_at").asText().endsWith("Z"));
        assertFalse(n.get("shared").asBoolean());
        assertTrue(n.get("nickname").isNull());

        JsonNode tf = row(list, eastTollFree, false);
        assertEquals("+18885550123", tf.get("number").asText());
        assertEquals("toll_free_registration", tf.get("owner_type").asText());
        assertEquals(eastTfv, tf.get("toll_free_verification_id").asText());
        assertEquals("In Progress", tf.get("tf_verification_status").asText());
        assertEquals("East TF", tf.get("toll_free_registration_name").asText());
        assertEquals("East Inc", tf.get("toll_free_business_name").asText());
        assertTrue(tf.get("campaign_id").isNull());

        assertEquals("short_code", row(list, eastShortCode, false).get("owner_type").asText());
        assertEquals("12345", row(list, eastShortCode, false).get("number").asText());
        assertEquals("unassigned", row(list, metroNumber, false).get("owner_type").asText());
    }

    @Test
    void sharedRowsAppearForTheReceivingOrganization() {
        List<String> eastRows = rows(eastKey.get("/v1/phone-numbers"));
        assertTrue(eastRows.contains(rootNumber + "/" + east + "/true"), "shared in from the root");
        assertFalse(eastRows.contains(rootNumber + "/" + rootOrg + "/false"), "the owner's row is outside the subtree");
        assertTrue(eastRows.contains(eastNumber + "/" + east + "/false"));
        assertTrue(eastRows.contains(eastNumber + "/" + eastMetro + "/true"), "shared within the subtree: listed twice");
        assertFalse(eastRows.stream().anyMatch(r -> r.startsWith(westNumber)));

        JsonNode shared = row(eastKey.get("/v1/phone-numbers").data(), eastNumber, true);
        assertEquals(eastMetro, shared.get("org_id").asText());
        assertEquals("East Metro", shared.get("org_name").asText());
        assertEquals("East's line", shared.get("nickname").asText());
        assertTrue(shared.get("brand_id").isNull());
        assertTrue(shared.get("brand_name").isNull());
        assertTrue(shared.get("campaign_name").isNull());
        assertEquals("+12025550143", shared.get("number").asText());

        assertEquals(List.of(eastNumber + "/" + eastMetro + "/true", metroNumber + "/" + eastMetro + "/false").stream()
                .sorted().toList(), rows(eastKey.get("/v1/phone-numbers?organization_id=" + eastMetro)));
        assertEquals(rows(eastKey.get("/v1/phone-numbers?organization_id=" + eastMetro)),
                rows(metroKey.get("/v1/phone-numbers")), "a key at the receiving organization sees the same");
    }

    @Test
    void filters() {
        assertEquals(List.of(eastTollFree + "/" + east + "/false"),
                rows(eastKey.get("/v1/phone-numbers?channel=toll-free")));
        assertEquals(List.of(eastShortCode + "/" + east + "/false"),
                rows(eastKey.get("/v1/phone-numbers?owner_type=short_code")));
        assertEquals(List.of(eastNumber + "/" + east + "/false"),
                rows(eastKey.get("/v1/phone-numbers?brand_id=" + eastBrand)), "shared rows have no brand");
        assertEquals(List.of(eastNumber + "/" + east + "/false"),
                rows(eastKey.get("/v1/phone-numbers?campaign_id=" + eastCampaign)), "shared rows show no campaign");
        assertEquals(List.of(), rows(eastKey.get("/v1/phone-numbers?campaign_id=camp_unknown")));
        List<String> unassigned = rows(eastKey.get("/v1/phone-numbers?owner_type=unassigned&channel=10dlc"));
        assertTrue(unassigned.contains(metroNumber + "/" + eastMetro + "/false"));
        assertTrue(unassigned.contains(rootNumber + "/" + east + "/true"));
        ApiClient.Response mismatch = eastKey.get("/v1/phone-numbers?organization_id=" + eastMetro + "&brand_id=" + eastBrand);
        assertEquals(400, mismatch.status());
        assertEquals("BRAND_ORG_MISMATCH", mismatch.code());
        assertEquals("ORG_ACCESS_DENIED", eastKey.get("/v1/phone-numbers?organization_id=" + west).code());
        assertEquals("VALIDATION_ERROR", eastKey.get("/v1/phone-numbers?channel=sms").code());
        assertEquals("VALIDATION_ERROR", eastKey.get("/v1/phone-numbers?owner_type=brand").code());
    }

    @Test
    void badInputsAreRejectedAndChangeNothing() {
        int before = root.get("/v1/phone-numbers").data().size();
        List<Map<String, Object>> bad = List.of(
                Map.of("number", "555-1234", "channel", "10dlc"),
                Map.of("number", "+1 202 555 01434", "channel", "10dlc"),
                Map.of("number", "1-800-FLOWERS", "channel", "toll-free"),
                Map.of("number", "+1 800 555 0100", "channel", "10dlc"),
                Map.of("number", "+1 202 555 0111", "channel", "toll-free"),
                Map.of("number", "1234567", "channel", "short-code"),
                Map.of("number", "+1 202 555 0111", "channel", "sms"),
                Map.of("number", 2025550111L, "channel", "10dlc"),
                Map.of("number", "+1 202 555 0111", "channel", "10dlc", "line_type", "mobile"),
                Map.of("number", "+1 202 555 0111", "channel", "10dlc", "campaign_id", metroCampaign),
                Map.of("number", "+1 888 555 0111", "channel", "toll-free", "campaign_id", eastCampaign),
                Map.of("number", "+1 202 555 0111", "channel", "10dlc", "toll_free_verification_id", eastTfv),
                Map.of("number", "+1 202 555 0111", "channel", "10dlc", "status", "ported"));
        for (Map<String, Object> body : bad) {
            ApiClient.Response r = eastKey.post("/v1/phone-numbers", body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("VALIDATION_ERROR", r.code());
        }
        ApiClient.Response dup = eastKey.post("/v1/phone-numbers", Map.of("number", "202.555.0143", "channel", "10dlc"));
        assertEquals(409, dup.status());
        assertEquals("NUMBER_EXISTS", dup.json().get("details").get("reason").asText());
        ApiClient.Response dupElsewhere = eastKey.post("/v1/phone-numbers",
                Map.of("number", "+13125550199", "channel", "10dlc", "organization_id", eastMetro));
        assertEquals(409, dupElsewhere.status(), "numbers are unique server-wide");
        assertEquals(before, root.get("/v1/phone-numbers").data().size());
    }

    @Test
    void patchAttachesAndDetaches() {
        String id = number(eastKey, Map.of("number", "+1 202 555 0150", "channel", "10dlc", "status", "pending"));
        JsonNode attached = eastKey.patch("/v1/phone-numbers/" + id,
                Map.of("campaign_id", eastCampaign, "status", "active")).data();
        assertEquals("campaign", attached.get("owner_type").asText());
        assertEquals("East GOTV", attached.get("campaign_name").asText());
        assertEquals("active", attached.get("status").asText());
        Map<String, Object> detach = new HashMap<>();
        detach.put("campaign_id", null);
        assertEquals("unassigned", eastKey.patch("/v1/phone-numbers/" + id, detach).data().get("owner_type").asText());
        ApiClient.Response other = eastKey.patch("/v1/phone-numbers/" + id, Map.of("campaign_id", metroCampaign));
        assertEquals(400, other.status(), "a sub-organization's campaign is not the number's organization's");
        assertEquals(400, eastKey.patch("/v1/phone-numbers/" + id, Map.of("number", "+12025550151")).status());
        assertEquals(404, eastKey.patch("/v1/phone-numbers/" + westNumber, Map.of("status", "released")).status());
        assertEquals(404, eastKey.patch("/v1/phone-numbers/" + rootNumber, Map.of("status", "released")).status(),
                "a number shared in is not the receiver's to change");
        assertEquals(200, eastKey.delete("/v1/phone-numbers/" + id).status());
        assertEquals(404, eastKey.delete("/v1/phone-numbers/" + id).status());
    }

    @Test
    void sharingRules() {
        String id = number(root, Map.of("number", "+1 617 555 0101", "channel", "10dlc"));
        assertEquals(400, root.post("/v1/phone-numbers/" + id + "/shares", Map.of("organization_id", rootOrg)).status(),
                "not with the owner itself");
        String westOwned = westNumber;
        ApiClient.Response sideways = root.post("/v1/phone-numbers/" + westOwned + "/shares", Map.of("organization_id", east));
        assertEquals(400, sideways.status(), "only with descendants of the owner");
        assertEquals("VALIDATION_ERROR", sideways.code());
        assertEquals(404, eastKey.post("/v1/phone-numbers/" + id + "/shares", Map.of("organization_id", eastMetro)).status());
        assertEquals("ORG_ACCESS_DENIED", eastKey.post("/v1/phone-numbers/" + eastShortCode + "/shares",
                Map.of("organization_id", west)).code());

        JsonNode share = root.post("/v1/phone-numbers/" + id + "/shares",
                Map.of("organization_id", eastMetro, "nickname", "Loaner")).data();
        assertEquals(id, share.get("phone_number_id").asText());
        assertEquals(eastMetro, share.get("organization_id").asText());
        assertEquals("Loaner", share.get("nickname").asText());
        assertTrue(share.get("created_at").asText().endsWith("Z"));
        root.post("/v1/phone-numbers/" + id + "/shares", Map.of("organization_id", eastMetro, "nickname", "Renamed"));
        JsonNode seen = row(metroKey.get("/v1/phone-numbers").data(), id, true);
        assertEquals("Renamed", seen.get("nickname").asText());
        root.post("/v1/phone-numbers/" + id + "/shares", Map.of("organization_id", eastMetro));
        assertEquals("Renamed", row(metroKey.get("/v1/phone-numbers").data(), id, true).get("nickname").asText(),
                "sharing again without a nickname keeps it");
        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("organization_id", eastMetro);
        clear.put("nickname", null);
        assertTrue(root.post("/v1/phone-numbers/" + id + "/shares", clear).data().get("nickname").isNull(),
                "an explicit null clears it");

        JsonNode gone = root.delete("/v1/phone-numbers/" + id + "/shares/" + eastMetro).data();
        assertTrue(gone.get("deleted").asBoolean());
        assertEquals(eastMetro, gone.get("organization_id").asText());
        assertFalse(rows(metroKey.get("/v1/phone-numbers")).stream().anyMatch(r -> r.startsWith(id)));
        assertEquals(404, root.delete("/v1/phone-numbers/" + id + "/shares/" + eastMetro).status());

        root.post("/v1/phone-numbers/" + id + "/shares", Map.of("organization_id", eastMetro));
        assertEquals(200, root.delete("/v1/phone-numbers/" + id).status());
        assertFalse(rows(metroKey.get("/v1/phone-numbers")).stream().anyMatch(r -> r.startsWith(id)),
                "deleting a number ends its shares");
    }

    @Test
    void duplicateNumberIsAConflictAndChangesNothing() {
        int before = root.get("/v1/phone-numbers").data().size();
        for (ApiClient.Response dup : List.of(
                eastKey.post("/v1/phone-numbers", Map.of("number", "+1 (617) 555-0100", "channel", "10dlc",
                        "campaign_id", eastCampaign)),
                root.send("POST", "/v1/phone-numbers", Map.of("number", "6175550100", "channel", "rcs",
                        "organization_id", west), Map.of("Idempotency-Key", "duplicate-number")))) {
            assertEquals(409, dup.status(), dup.toString());
            assertEquals("CONFLICT", dup.code());
            assertEquals("NUMBER_EXISTS", dup.json().get("details").get("reason").asText());
            assertEquals("Phone number +16175550100 already exists", dup.json().get("error").asText());
        }
        assertEquals(before, root.get("/v1/phone-numbers").data().size());
        JsonNode original = row(root.get("/v1/phone-numbers").data(), rootNumber, false);
        assertEquals(rootOrg, original.get("org_id").asText());
        assertEquals("unassigned", original.get("owner_type").asText());
        assertEquals(201, root.send("POST", "/v1/phone-numbers", Map.of("number", "6175550102", "channel", "rcs",
                "organization_id", west), Map.of("Idempotency-Key", "duplicate-number")).status(),
                "a refusal is not remembered under its key");
    }

    @Test
    void patchOfOneFieldLeavesTheOthersAndConcurrentPatchesAllTakeEffect() {
        String north = server.createOrganization(rootOrg, "North");
        ApiClient northKey = server.client(server.createKey(north, "read", "write"));
        String brand = TestServer.idOf(northKey.post("/v1/brands", Map.of("brand_name", "North Brand")));
        String campaign = TestServer.idOf(northKey.post("/v1/campaigns",
                Map.of("brand_id", brand, "name", "North GOTV", "use_case", "POLITICAL")));
        String tfv = TestServer.idOf(northKey.post("/v1/toll-free-verifications", Map.of("name", "North TF")));

        String id = number(northKey, Map.of("number", "+1 202 555 0160", "channel", "10dlc", "campaign_id", campaign,
                "status", "pending"));
        JsonNode released = northKey.patch("/v1/phone-numbers/" + id, Map.of("status", "released")).data();
        assertEquals("released", released.get("status").asText());
        assertEquals(campaign, released.get("campaign_id").asText(), "the campaign stays");
        assertEquals("campaign", released.get("owner_type").asText());

        String tollFree = number(northKey, Map.of("number", "+1 877 555 0160", "channel", "toll-free"));
        for (int round = 1; round <= 6; round++) {
            String status = round % 2 == 0 ? "active" : "pending";
            String attached = round % 2 == 0 ? tfv : null;
            Map<String, Object> attach = new HashMap<>();
            attach.put("toll_free_verification_id", attached);
            Parallel.run(() -> northKey.patch("/v1/phone-numbers/" + tollFree, Map.of("status", status)),
                            () -> northKey.patch("/v1/phone-numbers/" + tollFree, attach))
                    .forEach(a -> assertEquals(200, a.status(), a.toString()));
            JsonNode n = row(northKey.get("/v1/phone-numbers").data(), tollFree, false);
            assertEquals(status, n.get("status").asText(), "round " + round);
            assertEquals(attached == null ? "unassigned" : "toll_free_registration", n.get("owner_type").asText(),
                    "round " + round);
        }
    }
}
