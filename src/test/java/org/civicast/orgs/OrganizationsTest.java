package org.civicast.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.civicast.testing.ApiClient;
import org.civicast.testing.Parallel;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The organization tree: what each key sees, the hierarchy view, and the write extensions. */
class OrganizationsTest {
    static TestServer server;
    static String root;
    static String east;
    static String eastMetro;
    static String west;
    static ApiClient eastKey;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.rootOrganizationId();
        east = server.createOrganization(root, "Regional Office East");
        eastMetro = server.createOrganization(east, "East Metro");
        west = server.createOrganization(root, "Regional Office West");
        eastKey = server.client(server.createKey(east, "read", "write", "admin"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new TreeSet<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void rootSeesTheWholeTreeWithContractFields() {
        JsonNode orgs = server.root().get("/v1/organizations").data();
        assertEquals(Set.of(root, east, eastMetro, west), ids(orgs));
        for (JsonNode org : orgs) {
            assertTrue(org.get("id").asText().matches("org_[0-9A-HJKMNP-TV-Z]{26}"), org.toString());
            assertTrue(org.get("display_name").isTextual());
            assertTrue(org.has("parent_org_name"));
            assertEquals("active", org.get("status").asText());
            assertTrue(org.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));
            if (org.get("id").asText().equals(root)) assertTrue(org.get("parent_org_name").isNull());
            if (org.get("id").asText().equals(eastMetro)) {
                assertEquals("Regional Office East", org.get("parent_org_name").asText());
            }
        }
    }

    @Test
    void childKeySeesItsSubtreeOnly() {
        assertEquals(Set.of(east, eastMetro), ids(eastKey.get("/v1/organizations").data()));
        ApiClient.Response sibling = eastKey.get("/v1/organizations/" + west);
        assertEquals(403, sibling.status());
        assertEquals("ORG_ACCESS_DENIED", sibling.code());
        assertEquals(403, eastKey.get("/v1/organizations/" + root).status());
        assertEquals(403, eastKey.get("/v1/organizations/org_doesnotexist").status());
    }

    @Test
    void hierarchyIsCamelCaseTreeRootedAtTheKeysOrganization() {
        JsonNode tree = eastKey.get("/v1/hierarchy").data();
        assertEquals(east, tree.get("id").asText());
        assertEquals("Regional Office East", tree.get("name").asText());
        assertTrue(tree.get("parentId").isNull(), "the returned tree's root has no parent");
        assertTrue(tree.has("createdAt") && tree.has("updatedAt") && tree.has("contactEmail"));
        assertTrue(tree.get("brands").isArray());
        JsonNode children = tree.get("childOrganizations");
        assertEquals(1, children.size());
        assertEquals(eastMetro, children.get(0).get("id").asText());
        assertEquals(east, children.get(0).get("parentId").asText());

        JsonNode full = server.root().get("/v1/hierarchy").data();
        assertEquals(2, full.get("childOrganizations").size());
        assertEquals(eastMetro, server.root().get("/v1/hierarchy?organizationId=" + eastMetro).data().get("id").asText());
        assertEquals("ORG_ACCESS_DENIED", eastKey.get("/v1/hierarchy?organizationId=" + west).code());
    }

    @Test
    void createUpdateAndDelete() {
        Map<String, Object> body = new HashMap<>();
        body.put("display_name", "Field Team");
        body.put("contact_email", "field@example.org");
        ApiClient.Response created = eastKey.post("/v1/organizations", body);
        assertEquals(201, created.status(), created.toString());
        String id = created.data().get("id").asText();
        assertEquals(east, created.data().get("parent_id").asText(), "defaults to the key's organization");

        Map<String, Object> patch = new HashMap<>();
        patch.put("display_name", "Field Team North");
        patch.put("contact_email", null);
        patch.put("status", "suspended");
        ApiClient.Response updated = eastKey.patch("/v1/organizations/" + id, patch);
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("Field Team North", updated.data().get("display_name").asText());
        assertTrue(updated.data().get("contact_email").isNull());
        assertEquals("suspended", updated.data().get("status").asText());

        assertEquals(200, eastKey.delete("/v1/organizations/" + id).status());
        assertEquals(403, eastKey.get("/v1/organizations/" + id).status());
    }

    @Test
    void cannotCreateUnderAnotherSubtreeOrDeleteOwnOrNonEmpty() {
        ApiClient.Response foreign = eastKey.post("/v1/organizations", Map.of("display_name", "X", "parent_id", west));
        assertEquals("ORG_ACCESS_DENIED", foreign.code());
        ApiClient.Response own = eastKey.delete("/v1/organizations/" + east);
        assertEquals(409, own.status());
        ApiClient.Response nonEmpty = server.root().delete("/v1/organizations/" + east);
        assertEquals(409, nonEmpty.status());
        assertEquals("ORGANIZATION_NOT_EMPTY", nonEmpty.json().get("details").get("reason").asText());
        assertEquals(4, server.root().get("/v1/organizations").data().size());
    }

    @Test
    void writesNeedAdminScope() {
        ApiClient readOnly = server.client(server.createKey(east, "read"));
        ApiClient.Response r = readOnly.post("/v1/organizations", Map.of("display_name", "Nope"));
        assertEquals(403, r.status());
        assertEquals("PERMISSION_DENIED", r.code());
        assertEquals(200, readOnly.get("/v1/organizations").status());
    }

    @Test
    void patchKeepsWhatItDoesNotSendAndConcurrentPatchesAllTakeEffect() {
        String id = eastKey.post("/v1/organizations", Map.of("display_name", "Canvass", "contact_email",
                "canvass@example.org", "contact_first_name", "Ada", "contact_last_name", "Lovelace")).data()
                .get("id").asText();
        String path = "/v1/organizations/" + id;
        try {
            JsonNode before = eastKey.get(path).data();
            JsonNode after = eastKey.patch(path, Map.of("contact_first_name", "Grace")).data();
            assertEquals("Grace", after.get("contact_first_name").asText());
            for (String field : List.of("display_name", "parent_id", "status", "contact_email", "contact_last_name",
                    "created_at")) {
                assertEquals(before.get(field), after.get(field), field + " stays");
            }
            Map<String, Object> clear = new HashMap<>();
            clear.put("contact_last_name", null);
            JsonNode cleared = eastKey.patch(path, clear).data();
            assertTrue(cleared.get("contact_last_name").isNull());
            assertEquals("canvass@example.org", cleared.get("contact_email").asText());
            JsonNode stored = eastKey.get(path).data();
            for (String field : List.of("display_name", "contact_email", "contact_first_name", "contact_last_name")) {
                assertEquals(cleared.get(field), stored.get(field), field + " as answered");
            }

            for (int round = 1; round <= 6; round++) {
                String name = "Canvass " + round;
                String email = "round" + round + "@example.org";
                Parallel.run(() -> eastKey.patch(path, Map.of("display_name", name)),
                                () -> eastKey.patch(path, Map.of("contact_email", email)))
                        .forEach(a -> assertEquals(200, a.status(), a.toString()));
                JsonNode o = eastKey.get(path).data();
                assertEquals(List.of(name, email), List.of(o.get("display_name").asText(),
                        o.get("contact_email").asText()));
            }
        } finally {
            eastKey.delete(path);
        }
    }
}
