package org.civicast.registry;

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

/** Brands over HTTPS: the contract list, scoping to the key's subtree, and the write extensions. */
class BrandsTest {
    static final String TOKEN = "cv|1.0|tcr|10dlc|9957c339-d46f-49b7-a399-2e9c6a4b9b0c|GQ3EJhNXOOj2ks";
    static TestServer server;
    static ApiClient root;
    static String rootOrg;
    static String east;
    static String eastMetro;
    static String west;
    static ApiClient eastKey;
    static ApiClient readOnlyEast;
    static String eastBrand;
    static String metroBrand;
    static String westBrand;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.root();
        rootOrg = server.rootOrganizationId();
        east = server.createOrganization(rootOrg, "East");
        eastMetro = server.createOrganization(east, "East Metro");
        west = server.createOrganization(rootOrg, "West");
        eastKey = server.client(server.createKey(east, "read", "write"));
        readOnlyEast = server.client(server.createKey(east, "read"));
        eastBrand = TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "East for Congress",
                "entity_type", "NON_PROFIT", "ein", "12-3456789", "vertical", "POLITICAL", "vetting_score", 80,
                "campaign_verify_token", TOKEN, "identity_status", "VERIFIED", "notes", "main brand")));
        metroBrand = TestServer.idOf(eastKey.post("/v1/brands",
                Map.of("brand_name", "Metro PAC", "organization_id", eastMetro)));
        westBrand = TestServer.idOf(root.post("/v1/brands", Map.of("brand_name", "West Brand", "organization_id", west)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void createdBrandHasContractFieldsAndRegistrationExtras() {
        JsonNode b = eastKey.get("/v1/brands?organization_id=" + east).data().get(0);
        assertEquals(eastBrand, b.get("id").asText());
        assertTrue(eastBrand.startsWith("brand_"));
        assertEquals("East for Congress", b.get("brand_name").asText());
        assertEquals(east, b.get("org_id").asText());
        assertEquals("East", b.get("org_name").asText());
        assertTrue(b.get("tcr_brand_id").isNull());
        assertEquals("pending", b.get("status").asText());
        assertEquals("VERIFIED", b.get("identity_status").asText());
        assertEquals("main brand", b.get("notes").asText());
        assertTrue(b.get("created_at").asText().endsWith("Z"));
        assertTrue(b.get("updated_at").asText().endsWith("Z"));
        assertEquals("NON_PROFIT", b.get("entity_type").asText());
        assertEquals("123456789", b.get("ein").asText(), "EIN normalised to digits");
        assertEquals("POLITICAL", b.get("vertical").asText());
        assertEquals(80, b.get("vetting_score").asInt());
        assertEquals("cv|1.0…", b.get("campaign_verify_token").asText(), "the token is masked");
        assertFalse(eastKey.get("/v1/brands").toString().contains("9957c339"), "the full token never leaves");
    }

    @Test
    void listsAreScopedToTheKeysSubtreeAndOrderedById() {
        List<String> all = ids(root.get("/v1/brands").data());
        assertTrue(all.containsAll(List.of(eastBrand, metroBrand, westBrand)));
        assertEquals(all.stream().sorted().toList(), all);
        List<String> east = ids(eastKey.get("/v1/brands").data());
        assertTrue(east.containsAll(List.of(eastBrand, metroBrand)));
        assertFalse(east.contains(westBrand));
        assertEquals(List.of(metroBrand), ids(eastKey.get("/v1/brands?organization_id=" + eastMetro).data()));
        JsonNode own = eastKey.get("/v1/brands?organization_id=" + BrandsTest.east).data();
        assertTrue(ids(own).contains(eastBrand));
        assertFalse(ids(own).contains(metroBrand), "organization_id means exactly that organization, not its descendants");
        own.forEach(b -> assertEquals(BrandsTest.east, b.get("org_id").asText()));
    }

    @Test
    void foreignOrganizationFilterIsDenied() {
        for (String org : List.of(west, rootOrg, "org_doesnotexist")) {
            ApiClient.Response r = eastKey.get("/v1/brands?organization_id=" + org);
            assertEquals(403, r.status(), r.toString());
            assertEquals("ORG_ACCESS_DENIED", r.code());
            assertEquals(false, r.json().get("success").asBoolean());
            assertEquals(403, r.json().get("statusCode").asInt());
        }
        ApiClient.Response create = eastKey.post("/v1/brands", Map.of("brand_name", "Sneaky", "organization_id", west));
        assertEquals(403, create.status());
        assertEquals("ORG_ACCESS_DENIED", create.code());
        assertEquals(List.of(westBrand), ids(root.get("/v1/brands?organization_id=" + west).data()));
    }

    @Test
    void siblingsBrandIsNotFound() {
        ApiClient.Response patch = eastKey.patch("/v1/brands/" + westBrand, Map.of("notes", "mine now"));
        assertEquals(404, patch.status());
        assertEquals("NOT_FOUND", patch.code());
        assertEquals(404, eastKey.delete("/v1/brands/" + westBrand).status());
        assertEquals(404, eastKey.delete("/v1/brands/brand_nope").status());
        assertTrue(root.get("/v1/brands?organization_id=" + west).data().get(0).get("notes").isNull());
    }

    @Test
    void patchChangesAndClearsFields() {
        String id = TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "Patchable", "ein", "987654321",
                "notes", "old", "vetting_score", 10)));
        Map<String, Object> change = new HashMap<>();
        change.put("brand_name", "Patched");
        change.put("status", "active");
        change.put("tcr_brand_id", "BPATCH1");
        change.put("notes", null);
        change.put("vetting_score", null);
        ApiClient.Response r = eastKey.patch("/v1/brands/" + id, change);
        assertEquals(200, r.status(), r.toString());
        JsonNode b = r.data();
        assertEquals("Patched", b.get("brand_name").asText());
        assertEquals("active", b.get("status").asText());
        assertEquals("BPATCH1", b.get("tcr_brand_id").asText());
        assertTrue(b.get("notes").isNull());
        assertTrue(b.get("vetting_score").isNull());
        assertEquals("987654321", b.get("ein").asText(), "untouched fields stay");

        ApiClient.Response dup = eastKey.post("/v1/brands", Map.of("brand_name", "Copy", "tcr_brand_id", "BPATCH1"));
        assertEquals(409, dup.status());
        assertEquals("CONFLICT", dup.code());
        assertEquals("TCR_BRAND_ID_EXISTS", dup.json().get("details").get("reason").asText());

        Map<String, Object> clearName = new HashMap<>();
        clearName.put("brand_name", null);
        assertEquals(400, eastKey.patch("/v1/brands/" + id, clearName).status(), "brand_name cannot be cleared");
        JsonNode deleted = eastKey.delete("/v1/brands/" + id).data();
        assertEquals(id, deleted.get("id").asText());
        assertTrue(deleted.get("deleted").asBoolean());
        assertFalse(ids(eastKey.get("/v1/brands").data()).contains(id));
    }

    @Test
    void badInputsAreRejectedAndChangeNothing() {
        int before = root.get("/v1/brands").data().size();
        List<Map<String, Object>> bad = List.of(
                Map.of("brand_name", "X", "colour", "red"),
                Map.of("brand_name", 42),
                Map.of("brand_name", "X", "entity_type", "CHARITY_SHOP"),
                Map.of("brand_name", "X", "status", "approved"),
                Map.of("brand_name", "X", "ein", "12-34567"),
                Map.of("brand_name", "X", "vetting_score", 101),
                Map.of("brand_name", "X", "vetting_score", "80"),
                Map.of("brand_name", "X", "notes", "n".repeat(101)),
                Map.of("brand_name", "X", "campaign_verify_token", "short"),
                Map.of("entity_type", "NON_PROFIT"));
        for (Map<String, Object> body : bad) {
            ApiClient.Response r = eastKey.post("/v1/brands", body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("VALIDATION_ERROR", r.code());
            assertTrue(r.json().get("details").isArray());
        }
        assertEquals(400, eastKey.patch("/v1/brands/" + eastBrand, Map.of("organization_id", west)).status(),
                "a brand does not move between organizations");
        assertEquals(before, root.get("/v1/brands").data().size());
        assertEquals(400, eastKey.get("/v1/brands?organisation_id=" + east).status(), "unknown query parameter");
    }

    @Test
    void idempotentCreateIsNotRepeated() {
        Map<String, String> key = Map.of("Idempotency-Key", "brand-once");
        ApiClient.Response first = eastKey.send("POST", "/v1/brands", Map.of("brand_name", "Once"), key);
        ApiClient.Response again = eastKey.send("POST", "/v1/brands", Map.of("brand_name", "Once"), key);
        assertEquals(201, first.status());
        assertEquals(201, again.status());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(TestServer.idOf(first), TestServer.idOf(again));
        assertEquals(1, eastKey.get("/v1/brands").data().findValuesAsText("brand_name").stream()
                .filter("Once"::equals).count());
    }

    @Test
    void writesNeedTheWriteScope() {
        ApiClient.Response r = readOnlyEast.post("/v1/brands", Map.of("brand_name", "Nope"));
        assertEquals(403, r.status());
        assertEquals("PERMISSION_DENIED", r.code());
        assertEquals(200, readOnlyEast.get("/v1/brands").status());
    }

    @Test
    void brandWithCampaignsCannotBeDeleted() {
        String brand = TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "Busy")));
        String campaign = TestServer.idOf(eastKey.post("/v1/campaigns",
                Map.of("brand_id", brand, "name", "GOTV", "use_case", "POLITICAL")));
        ApiClient.Response r = eastKey.delete("/v1/brands/" + brand);
        assertEquals(409, r.status());
        assertEquals("BRAND_HAS_CAMPAIGNS", r.json().get("details").get("reason").asText());
        assertTrue(ids(eastKey.get("/v1/brands").data()).contains(brand));
        assertEquals(200, eastKey.delete("/v1/campaigns/" + campaign).status());
        assertEquals(200, eastKey.delete("/v1/brands/" + brand).status());
    }

    /** A brand as the east key's list shows it. */
    static JsonNode listed(String id) {
        for (JsonNode b : eastKey.get("/v1/brands").data()) if (b.get("id").asText().equals(id)) return b;
        throw new AssertionError(id + " is not listed");
    }

    @Test
    void patchOfOneFieldLeavesTheOthersAndAnExplicitNullClears() {
        String id = TestServer.idOf(eastKey.post("/v1/brands", Map.ofEntries(Map.entry("brand_name", "Complete"),
                Map.entry("entity_type", "NON_PROFIT"), Map.entry("ein", "11-2223334"), Map.entry("vertical", "POLITICAL"),
                Map.entry("tcr_brand_id", "BFULL1"), Map.entry("status", "active"),
                Map.entry("identity_status", "VERIFIED"), Map.entry("vetting_score", 55),
                Map.entry("campaign_verify_token", TOKEN), Map.entry("notes", "as registered"))));
        JsonNode before = listed(id);
        assertEquals(before, eastKey.patch("/v1/brands/" + id, Map.of()).data(), "an empty PATCH changes nothing");
        assertEquals(before, listed(id));

        JsonNode after = eastKey.patch("/v1/brands/" + id, Map.of("notes", "only this")).data();
        assertEquals("only this", after.get("notes").asText());
        for (String field : List.of("brand_name", "org_id", "entity_type", "ein", "vertical", "tcr_brand_id", "status",
                "identity_status", "vetting_score", "campaign_verify_token", "created_at")) {
            assertEquals(before.get(field), after.get(field), field + " stays");
        }
        assertEquals(after, listed(id), "the answer is what was stored");

        Map<String, Object> clear = new HashMap<>();
        for (String field : List.of("entity_type", "ein", "vertical", "tcr_brand_id", "identity_status",
                "campaign_verify_token")) {
            clear.put(field, null);
        }
        JsonNode cleared = eastKey.patch("/v1/brands/" + id, clear).data();
        clear.keySet().forEach(field -> assertTrue(cleared.get(field).isNull(), field + " cleared"));
        assertEquals("Complete", cleared.get("brand_name").asText());
        assertEquals("active", cleared.get("status").asText());
        assertEquals(55, cleared.get("vetting_score").asInt());
        assertEquals("only this", cleared.get("notes").asText());
        assertEquals(cleared, listed(id));
    }

    @Test
    void duplicateTcrBrandIdIsAConflictOnCreateAndUpdateAndChangesNothing() {
        TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "Holder", "tcr_brand_id", "BDUP1")));
        String other = TestServer.idOf(eastKey.post("/v1/brands",
                Map.of("brand_name", "Other", "tcr_brand_id", "BDUP2", "notes", "kept")));
        int before = root.get("/v1/brands").data().size();

        assertDuplicateTcrBrandId(eastKey.post("/v1/brands", Map.of("brand_name", "Copy", "tcr_brand_id", "BDUP1")));
        assertDuplicateTcrBrandId(root.post("/v1/brands",
                Map.of("brand_name", "Copy", "tcr_brand_id", "BDUP1", "organization_id", west)));
        assertEquals(before, root.get("/v1/brands").data().size());

        JsonNode otherBefore = listed(other);
        assertDuplicateTcrBrandId(eastKey.patch("/v1/brands/" + other,
                Map.of("tcr_brand_id", "BDUP1", "notes", "changed")));
        assertEquals(otherBefore, listed(other), "the refused PATCH changed no field, the others neither");

        Map<String, String> key = Map.of("Idempotency-Key", "duplicate-tcr");
        assertDuplicateTcrBrandId(eastKey.send("POST", "/v1/brands",
                Map.of("brand_name", "Retried", "tcr_brand_id", "BDUP1"), key));
        assertDuplicateTcrBrandId(eastKey.send("PATCH", "/v1/brands/" + other, Map.of("tcr_brand_id", "BDUP1"),
                Map.of("Idempotency-Key", "duplicate-tcr-patch")));
        assertEquals(before, root.get("/v1/brands").data().size());
        assertEquals(otherBefore, listed(other));
        ApiClient.Response corrected = eastKey.send("POST", "/v1/brands",
                Map.of("brand_name", "Retried", "tcr_brand_id", "BDUP3"), key);
        assertEquals(201, corrected.status(), "a refusal is not remembered under its key: " + corrected);
        assertEquals(before + 1, root.get("/v1/brands").data().size());
    }

    private static void assertDuplicateTcrBrandId(ApiClient.Response r) {
        assertEquals(409, r.status(), r.toString());
        assertEquals("CONFLICT", r.code());
        assertEquals("TCR_BRAND_ID_EXISTS", r.json().get("details").get("reason").asText());
        assertEquals("Another brand already has TCR brand id BDUP1", r.json().get("error").asText());
    }

    @Test
    void concurrentPatchesOfDifferentFieldsAllTakeEffect() {
        String path = "/v1/brands/" + TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "Raced")));
        for (int round = 1; round <= 12; round++) {
            int r = round;
            List<ApiClient.Response> answers = Parallel.run(
                    () -> eastKey.patch(path, Map.of("notes", "note " + r)),
                    () -> eastKey.patch(path, Map.of("vetting_score", r)),
                    () -> eastKey.patch(path, Map.of("tcr_brand_id", "BRACE" + r)),
                    () -> eastKey.patch(path, Map.of("brand_name", "Raced " + r)));
            answers.forEach(a -> assertEquals(200, a.status(), a.toString()));
            JsonNode b = listed(path.substring(path.lastIndexOf('/') + 1));
            assertEquals("note " + r, b.get("notes").asText(), "round " + r);
            assertEquals(r, b.get("vetting_score").asInt(), "round " + r);
            assertEquals("BRACE" + r, b.get("tcr_brand_id").asText(), "round " + r);
            assertEquals("Raced " + r, b.get("brand_name").asText(), "round " + r);
        }
    }
}
