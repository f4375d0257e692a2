package org.civicast.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Tracking domains: own and inherited listings, scoping, validation and verified_at. */
class TrackingDomainsTest {
    static TestServer server;
    static ApiClient root;
    static String east;
    static String eastMetro;
    static String west;
    static ApiClient eastKey;
    static ApiClient metroKey;
    static String westDomain;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.root();
        String rootOrg = server.rootOrganizationId();
        east = server.createOrganization(rootOrg, "East");
        eastMetro = server.createOrganization(east, "East Metro");
        west = server.createOrganization(rootOrg, "West");
        eastKey = server.client(server.createKey(east, "read", "write"));
        metroKey = server.client(server.createKey(eastMetro, "read"));
        domain(root, Map.of("domain", "links.root.org", "status", "active", "shared_with_descendants", true));
        domain(root, Map.of("domain", "private.root.org", "status", "active"));
        domain(root, Map.of("domain", "pending.root.org", "shared_with_descendants", true));
        domain(eastKey, Map.of("domain", "east.example.org", "status", "active", "shared_with_descendants", true,
                "notes", "east links"));
        domain(eastKey, Map.of("domain", "metro.example.org", "status", "active", "organization_id", eastMetro));
        westDomain = domain(root, Map.of("domain", "west.example.org", "status", "active",
                "shared_with_descendants", true, "organization_id", west));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String domain(ApiClient key, Map<String, Object> body) {
        return TestServer.idOf(key.post("/v1/tracking-domains", body));
    }

    /** "domain:source" of each listed domain, in the order listed. */
    static List<String> listed(ApiClient.Response r) {
        assertEquals(200, r.status(), r.toString());
        List<String> out = new ArrayList<>();
        r.data().forEach(d -> out.add(d.get("domain").asText() + ":" + d.get("source").asText()));
        return out;
    }

    static List<String> sortedById(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    @Test
    void keyWithoutFilterSeesOwnSubtreeAndItsAncestorsSharedDomains() {
        List<String> seen = listed(eastKey.get("/v1/tracking-domains"));
        assertEquals(3, seen.size(), seen.toString());
        assertTrue(seen.containsAll(List.of("east.example.org:own", "metro.example.org:own", "links.root.org:inherited")));
        JsonNode data = eastKey.get("/v1/tracking-domains").data();
        assertEquals(sortedById(data).stream().sorted().toList(), sortedById(data));
        for (JsonNode d : data) {
            if (d.get("source").asText().equals("inherited")) {
                assertEquals(3, d.size(), "inherited domains show only id, domain and source: " + d);
            } else {
                assertEquals("active", d.get("status").asText());
                assertTrue(d.get("verified_at").asText().endsWith("Z"));
                assertTrue(d.has("created_at") && d.has("notes") && d.has("org_id") && d.has("org_name"));
            }
        }
    }

    @Test
    void organizationFilterShowsItsOwnAndEveryStrictAncestorsShared() {
        List<String> metro = listed(eastKey.get("/v1/tracking-domains?organization_id=" + eastMetro));
        assertEquals(3, metro.size(), metro.toString());
        assertTrue(metro.containsAll(List.of("metro.example.org:own", "east.example.org:inherited",
                "links.root.org:inherited")));
        assertEquals(metro.stream().sorted().toList(), listed(metroKey.get("/v1/tracking-domains")).stream().sorted().toList());
        List<String> eastOnly = listed(eastKey.get("/v1/tracking-domains?organization_id=" + east));
        assertEquals(List.of("east.example.org:own", "links.root.org:inherited").stream().sorted().toList(),
                eastOnly.stream().sorted().toList());
    }

    @Test
    void rootSeesEveryActiveDomainAsOwn() {
        List<String> all = listed(root.get("/v1/tracking-domains"));
        assertEquals(List.of("east.example.org:own", "links.root.org:own", "metro.example.org:own",
                "private.root.org:own", "west.example.org:own"), all.stream().sorted().toList());
    }

    @Test
    void scoping() {
        assertEquals("ORG_ACCESS_DENIED", eastKey.get("/v1/tracking-domains?organization_id=" + west).code());
        ApiClient.Response r = eastKey.patch("/v1/tracking-domains/" + westDomain, Map.of("status", "failed"));
        assertEquals(404, r.status());
        assertEquals("NOT_FOUND", r.code());
        assertEquals(404, eastKey.delete("/v1/tracking-domains/" + westDomain).status());
        assertTrue(listed(root.get("/v1/tracking-domains")).contains("west.example.org:own"));
    }

    @Test
    void verifiedAtFollowsStatus() {
        ApiClient.Response created = eastKey.post("/v1/tracking-domains", Map.of("domain", "Go.Example.NET"));
        assertEquals(201, created.status(), created.toString());
        JsonNode d = created.data();
        String id = d.get("id").asText();
        assertTrue(id.startsWith("td_"));
        assertEquals("go.example.net", d.get("domain").asText(), "stored lowercase");
        assertEquals("own", d.get("source").asText());
        assertEquals("pending", d.get("status").asText());
        assertTrue(d.get("verified_at").isNull());
        assertEquals(false, d.get("shared_with_descendants").asBoolean());
        assertTrue(!listed(eastKey.get("/v1/tracking-domains")).contains("go.example.net:own"), "pending is not listed");

        JsonNode active = eastKey.patch("/v1/tracking-domains/" + id, Map.of("status", "active", "notes", "ok")).data();
        assertTrue(active.get("verified_at").asText().endsWith("Z"));
        assertEquals("ok", active.get("notes").asText());
        assertTrue(listed(eastKey.get("/v1/tracking-domains")).contains("go.example.net:own"));
        Map<String, Object> failed = new HashMap<>();
        failed.put("status", "failed");
        failed.put("notes", null);
        JsonNode down = eastKey.patch("/v1/tracking-domains/" + id, failed).data();
        assertTrue(down.get("verified_at").isNull());
        assertTrue(down.get("notes").isNull());
        JsonNode deleted = eastKey.delete("/v1/tracking-domains/" + id).data();
        assertEquals(id, deleted.get("id").asText());
        assertTrue(deleted.get("deleted").asBoolean());
    }

    @Test
    void badInputsAreRejectedAndChangeNothing() {
        int before = root.get("/v1/tracking-domains").data().size();
        List<Map<String, Object>> bad = List.of(
                Map.of("domain", "https://links.example.org"),
                Map.of("domain", "links.example.org/path"),
                Map.of("domain", "localhost"),
                Map.of("domain", "10.0.0.1"),
                Map.of("domain", "links.example.org."),
                Map.of("domain", "-bad.example.org"),
                Map.of("domain", "a".repeat(64) + ".example.org"),
                Map.of("domain", "ok.example.org", "status", "verified"),
                Map.of("domain", "ok.example.org", "shared_with_descendants", "yes"),
                Map.of("domain", "ok.example.org", "tracking", true),
                Map.of("status", "active"));
        for (Map<String, Object> body : bad) {
            ApiClient.Response r = eastKey.post("/v1/tracking-domains", body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("VALIDATION_ERROR", r.code());
        }
        ApiClient.Response dup = eastKey.post("/v1/tracking-domains", Map.of("domain", "LINKS.ROOT.ORG"));
        assertEquals(409, dup.status());
        assertEquals("DOMAIN_EXISTS", dup.json().get("details").get("reason").asText());
        assertEquals(400, eastKey.patch("/v1/tracking-domains/" + westDomain, Map.of("domain", "x.example.org")).status());
        assertEquals(before, root.get("/v1/tracking-domains").data().size());
    }

    @Test
    void duplicateDomainIsAConflictAndChangesNothing() {
        List<String> before = listed(root.get("/v1/tracking-domains"));
        for (ApiClient.Response dup : List.of(
                eastKey.post("/v1/tracking-domains", Map.of("domain", "Private.Root.Org", "status", "active")),
                root.send("POST", "/v1/tracking-domains", Map.of("domain", "private.root.org", "organization_id", west),
                        Map.of("Idempotency-Key", "duplicate-domain")))) {
            assertEquals(409, dup.status(), dup.toString());
            assertEquals("CONFLICT", dup.code());
            assertEquals("DOMAIN_EXISTS", dup.json().get("details").get("reason").asText());
            assertEquals("Tracking domain private.root.org is already registered", dup.json().get("error").asText());
        }
        assertEquals(before, listed(root.get("/v1/tracking-domains")));
        assertEquals(List.of("east.example.org:own", "links.root.org:inherited", "metro.example.org:own"),
                listed(eastKey.get("/v1/tracking-domains")).stream().sorted().toList());
    }

    @Test
    void patchOfOneFieldLeavesTheOthersAndConcurrentPatchesAllTakeEffect() {
        String id = domain(eastKey, Map.of("domain", "kept.example.org", "status", "active",
                "shared_with_descendants", true, "notes", "as set up"));
        String path = "/v1/tracking-domains/" + id;
        try {
            JsonNode before = eastKey.patch(path, Map.of()).data();
            JsonNode after = eastKey.patch(path, Map.of("notes", "renamed")).data();
            assertEquals("renamed", after.get("notes").asText());
            for (String field : List.of("domain", "status", "verified_at", "shared_with_descendants", "created_at")) {
                assertEquals(before.get(field), after.get(field), field + " stays");
            }
            Map<String, Object> clear = new HashMap<>();
            clear.put("notes", null);
            JsonNode cleared = eastKey.patch(path, clear).data();
            assertTrue(cleared.get("notes").isNull());
            assertEquals(before.get("verified_at"), cleared.get("verified_at"));

            for (int round = 1; round <= 6; round++) {
                String notes = "round " + round;
                boolean shared = round % 2 == 0;
                Parallel.run(() -> eastKey.patch(path, Map.of("notes", notes)),
                                () -> eastKey.patch(path, Map.of("shared_with_descendants", shared)))
                        .forEach(a -> assertEquals(200, a.status(), a.toString()));
                JsonNode d = eastKey.patch(path, Map.of()).data();
                assertEquals(notes, d.get("notes").asText());
                assertEquals(shared, d.get("shared_with_descendants").asBoolean(), notes);
            }
        } finally {
            eastKey.delete(path);
        }
    }
}
