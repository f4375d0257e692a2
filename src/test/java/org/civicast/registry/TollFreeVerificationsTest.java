package org.civicast.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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

/** Toll-free verifications: list and detail, status-driven timestamps, scoping and writes. */
class TollFreeVerificationsTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-04-01T12:00:00Z"));
    static TestServer server;
    static ApiClient root;
    static String east;
    static String west;
    static ApiClient eastKey;
    static String eastTfv;
    static String eastDraft;
    static String westTfv;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        root = server.root();
        String rootOrg = server.rootOrganizationId();
        east = server.createOrganization(rootOrg, "East");
        west = server.createOrganization(rootOrg, "West");
        eastKey = server.client(server.createKey(east, "read", "write"));
        eastTfv = TestServer.idOf(eastKey.post("/v1/toll-free-verifications", Map.of("name", "East TF",
                "business_name", "East Inc", "use_case", "Political", "status", "In Progress",
                "verification_request_id", "vr-123")));
        eastDraft = TestServer.idOf(eastKey.post("/v1/toll-free-verifications", Map.of("name", "East draft")));
        westTfv = TestServer.idOf(root.post("/v1/toll-free-verifications",
                Map.of("name", "West TF", "organization_id", west)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listAndDetailCarryTheContractFields() {
        String number = TestServer.idOf(eastKey.post("/v1/phone-numbers",
                Map.of("number", "+1 833 555 0100", "channel", "toll-free", "toll_free_verification_id", eastTfv)));
        JsonNode t = find(eastKey.get("/v1/toll-free-verifications").data(), eastTfv);
        assertEquals(eastTfv, t.get("id").asText());
        assertEquals("East TF", t.get("name").asText());
        assertEquals("In Progress", t.get("status").asText());
        assertEquals("vr-123", t.get("verification_request_id").asText());
        assertEquals(east, t.get("org_id").asText());
        assertEquals("East", t.get("org_name").asText());
        assertEquals("East Inc", t.get("business_name").asText());
        assertEquals("Political", t.get("use_case").asText());
        assertEquals(1, t.get("phone_number_count").asInt());
        assertEquals("2026-04-01T12:00:00Z", t.get("submitted_at").asText());
        assertTrue(t.get("verified_at").isNull());
        assertEquals("2026-04-01T12:00:00Z", t.get("created_at").asText());
        assertFalse(t.has("phone_number_ids"));

        JsonNode d = eastKey.get("/v1/toll-free-verifications/" + eastTfv).data();
        assertEquals(List.of(number), List.of(d.get("phone_number_ids").get(0).asText()));
        assertEquals(1, d.get("phone_number_ids").size());
        assertTrue(d.get("rejection_reason").isNull());
        assertTrue(d.get("updated_at").asText().endsWith("Z"));

        ApiClient.Response blocked = eastKey.delete("/v1/toll-free-verifications/" + eastTfv);
        assertEquals(409, blocked.status());
        assertEquals("TOLL_FREE_VERIFICATION_HAS_PHONE_NUMBERS", blocked.json().get("details").get("reason").asText());
        assertEquals(200, eastKey.delete("/v1/phone-numbers/" + number).status());
        assertEquals(0, eastKey.get("/v1/toll-free-verifications/" + eastTfv).data().get("phone_number_count").asInt());
    }

    @Test
    void filtersAndScoping() {
        JsonNode inProgress = eastKey.get("/v1/toll-free-verifications?status=In%20Progress").data();
        find(inProgress, eastTfv);
        assertFalse(ids(inProgress).contains(eastDraft), "a draft is not In Progress");
        inProgress.forEach(t -> assertEquals("In Progress", t.get("status").asText()));
        JsonNode drafts = eastKey.get("/v1/toll-free-verifications?status=draft").data();
        find(drafts, eastDraft);
        assertFalse(ids(drafts).contains(eastTfv), "an In Progress verification is not a draft");
        drafts.forEach(t -> assertEquals("draft", t.get("status").asText()));
        List<String> visible = ids(eastKey.get("/v1/toll-free-verifications").data());
        assertTrue(visible.containsAll(List.of(eastTfv, eastDraft)), visible.toString());
        assertFalse(visible.contains(westTfv), "a sibling's verification is hidden");
        assertEquals(westTfv, root.get("/v1/toll-free-verifications?organization_id=" + west + "&status=draft")
                .data().get(0).get("id").asText());
        assertEquals("VALIDATION_ERROR", eastKey.get("/v1/toll-free-verifications?status=verified").code(),
                "carrier casing is exact");
        assertEquals("ORG_ACCESS_DENIED", eastKey.get("/v1/toll-free-verifications?organization_id=" + west).code());
        ApiClient.Response other = eastKey.get("/v1/toll-free-verifications/" + westTfv);
        assertEquals(404, other.status());
        assertEquals("NOT_FOUND", other.code());
        assertEquals(404, eastKey.get("/v1/toll-free-verifications/tfv_unknown").status());
        assertEquals(404, eastKey.patch("/v1/toll-free-verifications/" + westTfv, Map.of("name", "mine")).status());
        assertEquals("West TF", root.get("/v1/toll-free-verifications/" + westTfv).data().get("name").asText());
    }

    @Test
    void timestampsFollowTheStatus() {
        JsonNode t = eastKey.post("/v1/toll-free-verifications", Map.of("name", "Lifecycle")).data();
        String id = t.get("id").asText();
        assertEquals("draft", t.get("status").asText());
        assertTrue(t.get("submitted_at").isNull());
        assertEquals(List.of(), List.copyOf(iterable(t.get("phone_number_ids"))));

        CLOCK.advance(Duration.ofHours(1));
        t = eastKey.patch("/v1/toll-free-verifications/" + id, Map.of("status", "In Progress")).data();
        assertEquals("2026-04-01T13:00:00Z", t.get("submitted_at").asText());
        CLOCK.advance(Duration.ofHours(1));
        t = eastKey.patch("/v1/toll-free-verifications/" + id, Map.of("status", "Verified")).data();
        assertEquals("2026-04-01T13:00:00Z", t.get("submitted_at").asText(), "still submitted at the first time");
        assertEquals("2026-04-01T14:00:00Z", t.get("verified_at").asText());
        assertEquals("2026-04-01T14:00:00Z", t.get("updated_at").asText());
        t = eastKey.patch("/v1/toll-free-verifications/" + id,
                Map.of("status", "Rejected", "rejection_reason", "Opt-in not shown")).data();
        assertTrue(t.get("verified_at").isNull());
        assertEquals("Opt-in not shown", t.get("rejection_reason").asText());
        t = eastKey.patch("/v1/toll-free-verifications/" + id, Map.of("status", "draft")).data();
        assertTrue(t.get("submitted_at").isNull());
        JsonNode deleted = eastKey.delete("/v1/toll-free-verifications/" + id).data();
        assertTrue(deleted.get("deleted").asBoolean());
        assertEquals(404, eastKey.get("/v1/toll-free-verifications/" + id).status());
    }

    @Test
    void badInputsAreRejectedAndChangeNothing() {
        int before = root.get("/v1/toll-free-verifications").data().size();
        List<Map<String, Object>> bad = List.of(
                Map.of("business_name", "No name"),
                Map.of("name", "X", "status", "in progress"),
                Map.of("name", "X", "status", "APPROVED"),
                Map.of("name", 7),
                Map.of("name", "X", "verification_request_id", "has spaces in it"),
                Map.of("name", "X", "phone_number_ids", List.of()));
        for (Map<String, Object> body : bad) {
            ApiClient.Response r = eastKey.post("/v1/toll-free-verifications", body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("VALIDATION_ERROR", r.code());
        }
        assertEquals(403, eastKey.post("/v1/toll-free-verifications",
                Map.of("name", "X", "organization_id", west)).status());
        assertEquals(before, root.get("/v1/toll-free-verifications").data().size());
    }

    @Test
    void patchOfOneFieldLeavesTheOthersAndAnExplicitNullClears() {
        String id = TestServer.idOf(eastKey.post("/v1/toll-free-verifications", Map.of("name", "Whole",
                "business_name", "Whole Inc", "use_case", "Voting Reminders", "status", "Verified",
                "verification_request_id", "vr-whole", "rejection_reason", "none yet")));
        JsonNode before = eastKey.get("/v1/toll-free-verifications/" + id).data();

        JsonNode after = eastKey.patch("/v1/toll-free-verifications/" + id, Map.of("use_case", "Political")).data();
        assertEquals("Political", after.get("use_case").asText());
        for (String field : List.of("name", "status", "verification_request_id", "business_name", "rejection_reason",
                "submitted_at", "verified_at", "created_at")) {
            assertEquals(before.get(field), after.get(field), field + " stays");
        }
        Map<String, Object> clear = new HashMap<>();
        clear.put("business_name", null);
        clear.put("rejection_reason", null);
        JsonNode cleared = eastKey.patch("/v1/toll-free-verifications/" + id, clear).data();
        assertTrue(cleared.get("business_name").isNull());
        assertTrue(cleared.get("rejection_reason").isNull());
        assertEquals("vr-whole", cleared.get("verification_request_id").asText());
        assertEquals(before.get("verified_at"), cleared.get("verified_at"), "no status sent: the timestamps stay");
        assertEquals(cleared, eastKey.get("/v1/toll-free-verifications/" + id).data());
    }

    @Test
    void concurrentPatchesOfDifferentFieldsAllTakeEffect() {
        String path = "/v1/toll-free-verifications/"
                + TestServer.idOf(eastKey.post("/v1/toll-free-verifications", Map.of("name", "Raced")));
        for (int round = 1; round <= 8; round++) {
            String r = "r" + round;
            Parallel.run(() -> eastKey.patch(path, Map.of("name", "Raced " + r)),
                            () -> eastKey.patch(path, Map.of("business_name", "Business " + r)),
                            () -> eastKey.patch(path, Map.of("verification_request_id", "vr-" + r)))
                    .forEach(a -> assertEquals(200, a.status(), a.toString()));
            JsonNode t = eastKey.get(path).data();
            assertEquals(List.of("Raced " + r, "Business " + r, "vr-" + r), List.of(t.get("name").asText(),
                    t.get("business_name").asText(), t.get("verification_request_id").asText()));
        }
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode t : list) if (t.get("id").asText().equals(id)) return t;
        throw new AssertionError(id + " not in " + list);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
