package org.civicast.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.Parallel;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key management: shown once, stored hashed, scoped, revocable at once, usage recorded. */
class ApiKeysTest {
    static TestServer server;
    static String root;
    static String child;
    static String sibling;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.rootOrganizationId();
        child = server.createOrganization(root, "Child");
        sibling = server.createOrganization(root, "Sibling");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createdKeyIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        ApiClient.Response created = server.root().post("/v1/api-keys",
                Map.of("name", "CRM sync", "organization_id", child, "scopes", List.of("read")));
        assertEquals(201, created.status(), created.toString());
        String secret = created.data().get("key").asText();
        assertTrue(secret.matches("pc_live_[A-Za-z0-9]{40}"));
        String id = created.data().get("id").asText();
        assertTrue(id.startsWith("key_"));

        JsonNode listed = find(server.root().get("/v1/api-keys").data(), id);
        assertFalse(listed.has("key"), "a listed key never carries its secret");
        assertEquals(secret.substring(0, 12), listed.get("prefix").asText());

        try (Connection c = DriverManager.getConnection(server.databaseUrl());
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM api_keys")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    assertFalse(value != null && value.toString().contains(secret.substring(12)),
                            "secret stored in column " + rs.getMetaData().getColumnName(i));
                }
            }
        }
    }

    @Test
    void revocationTakesEffectImmediately() {
        String secret = server.createKey(child, "read");
        ApiClient key = server.client(secret);
        assertEquals(200, key.get("/v1/organizations").status());
        String id = find(server.root().get("/v1/api-keys").data(), secretPrefix(secret)).get("id").asText();
        ApiClient.Response revoked = server.root().delete("/v1/api-keys/" + id);
        assertEquals(200, revoked.status());
        assertFalse(revoked.data().get("revoked_at").isNull());
        assertEquals("INVALID_API_KEY", key.get("/v1/organizations").code());
        assertTrue(server.root().get("/v1/api-keys?include_revoked=true").toString().contains(id));
        assertFalse(server.root().get("/v1/api-keys").toString().contains(id));
    }

    @Test
    void usageIsRecorded() {
        String secret = server.createKey(child, "read");
        for (int i = 0; i < 3; i++) server.client(secret).get("/v1/organizations");
        JsonNode listed = find(server.root().get("/v1/api-keys").data(), secretPrefix(secret));
        assertEquals(3, listed.get("request_count").asLong());
        assertFalse(listed.get("last_used_at").isNull());
    }

    @Test
    void keysCannotEscalateOrReachOutsideTheirSubtree() {
        ApiClient childAdmin = server.client(server.createKey(child, "read", "admin"));
        ApiClient.Response escalate = childAdmin.post("/v1/api-keys", Map.of("name", "x", "scopes", List.of("write")));
        assertEquals(403, escalate.status());
        assertEquals("PERMISSION_DENIED", escalate.code());
        ApiClient.Response sideways = childAdmin.post("/v1/api-keys",
                Map.of("name", "x", "organization_id", sibling, "scopes", List.of("read")));
        assertEquals("ORG_ACCESS_DENIED", sideways.code());
        String siblingSecret = server.createKey(sibling, "read");
        String siblingKeyId = find(server.root().get("/v1/api-keys?organization_id=" + sibling).data(),
                secretPrefix(siblingSecret)).get("id").asText();
        assertEquals(404, childAdmin.delete("/v1/api-keys/" + siblingKeyId).status());
        assertEquals(200, server.client(siblingSecret).get("/v1/organizations").status(), "still works");
        for (JsonNode key : childAdmin.get("/v1/api-keys").data()) {
            assertEquals(child, key.get("organization_id").asText());
        }
        ApiClient.Response upwards = childAdmin.get("/v1/api-keys?organization_id=" + root);
        assertEquals("ORG_ACCESS_DENIED", upwards.code());
    }

    @Test
    void aKeysNameAndLimitCanChangeButNotItsReach() {
        String secret = server.createKey(child, "read");
        String id = find(server.root().get("/v1/api-keys").data(), secretPrefix(secret)).get("id").asText();
        ApiClient.Response renamed = server.root().patch("/v1/api-keys/" + id,
                Map.of("name", "Warehouse export", "rate_limit_per_hour", 7));
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Warehouse export", renamed.data().get("name").asText());
        assertEquals("7", server.client(secret).get("/v1/organizations").header("X-RateLimit-Limit"));

        java.util.Map<String, Object> backToDefault = new java.util.HashMap<>();
        backToDefault.put("rate_limit_per_hour", null);
        ApiClient.Response reset = server.root().patch("/v1/api-keys/" + id, backToDefault);
        assertTrue(reset.data().get("rate_limit_per_hour").isNull());
        assertEquals("Warehouse export", reset.data().get("name").asText());
        assertEquals("1000000", server.client(secret).get("/v1/organizations").header("X-RateLimit-Limit"));

        assertEquals(400, server.root().patch("/v1/api-keys/" + id, Map.of("scopes", List.of("admin"))).status());
        assertEquals(400, server.root().patch("/v1/api-keys/" + id, Map.of("organization_id", root)).status());
        server.root().delete("/v1/api-keys/" + id);
        assertEquals(409, server.root().patch("/v1/api-keys/" + id, Map.of("name", "x")).status());
    }

    @Test
    void concurrentRenameAndLimitChangeBothTakeEffect() {
        String secret = server.createKey(child, "read");
        String path = "/v1/api-keys/" + find(server.root().get("/v1/api-keys").data(), secretPrefix(secret))
                .get("id").asText();
        for (int round = 1; round <= 6; round++) {
            int r = round;
            Parallel.run(() -> server.root().patch(path, Map.of("name", "Export " + r)),
                            () -> server.root().patch(path, Map.of("rate_limit_per_hour", 100 + r)))
                    .forEach(a -> assertEquals(200, a.status(), a.toString()));
            JsonNode key = server.root().patch(path, Map.of()).data();
            assertEquals("Export " + r, key.get("name").asText());
            assertEquals(100 + r, key.get("rate_limit_per_hour").asInt());
        }
    }

    @Test
    void keyManagementNeedsAdmin() {
        ApiClient writer = server.client(server.createKey(child, "read", "write"));
        assertEquals("PERMISSION_DENIED", writer.get("/v1/api-keys").code());
        assertEquals("PERMISSION_DENIED", writer.post("/v1/api-keys", Map.of("name", "x")).code());
    }

    @Test
    void badCreateRequestsAre400() {
        ApiClient.Response badScope = server.root().post("/v1/api-keys", Map.of("name", "x", "scopes", List.of("root")));
        assertEquals(400, badScope.status());
        assertEquals("scopes", badScope.json().get("details").get(0).get("field").asText());
        assertEquals(400, server.root().post("/v1/api-keys", Map.of("name", "x", "scopes", List.of())).status());
        assertEquals(400, server.root().post("/v1/api-keys", Map.of("name", "x", "rate_limit_per_hour", 0)).status());
        assertEquals(404, server.root().delete("/v1/api-keys/key_missing").status());
    }

    private static String secretPrefix(String secret) {
        return secret.substring(0, 12);
    }

    /** The listed key whose id or display prefix matches. */
    private static JsonNode find(JsonNode keys, String idOrPrefix) {
        for (JsonNode key : keys) {
            if (key.get("id").asText().equals(idOrPrefix) || key.get("prefix").asText().equals(idOrPrefix)) return key;
        }
        throw new AssertionError(idOrPrefix + " not listed in " + keys);
    }
}
