package org.civicast.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A key's rate limit is set from above and never beyond the setter's own; its figures are the same everywhere. */
class KeyLimitsTest {
    static TestServer server;
    static String child;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        child = server.createOrganization(server.rootOrganizationId(), "County party");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> keyBody(String name, String org, Integer limit, String... scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("organization_id", org);
        body.put("scopes", List.of(scopes));
        if (limit != null) body.put("rate_limit_per_hour", limit);
        return body;
    }

    @Test
    void aKeyCannotRaiseItsOwnLimitNorASiblingsNorGrantMoreThanItHas() {
        ApiClient.Response made = server.root().post("/v1/api-keys", keyBody("limited admin", child, 8, "read", "admin"));
        String id = made.data().get("id").asText();
        ApiClient admin = server.client(made.data().get("key").asText());

        ApiClient.Response own = admin.patch("/v1/api-keys/" + id, Map.of("rate_limit_per_hour", 10_000_000));
        assertEquals(403, own.status(), own.toString());
        assertEquals("PERMISSION_DENIED", own.code());
        assertEquals(200, admin.patch("/v1/api-keys/" + id, Map.of("name", "renamed")).status(), "a name is fine");

        ApiClient.Response sibling = admin.post("/v1/api-keys", keyBody("sibling", child, 4, "read"));
        assertEquals(201, sibling.status(), "a key may grant less than its own limit");
        ApiClient.Response raiseSibling = admin.patch("/v1/api-keys/" + sibling.data().get("id").asText(),
                Map.of("rate_limit_per_hour", 8));
        assertEquals(403, raiseSibling.status(), "only an ancestor organization's key sets a limit");

        ApiClient.Response more = admin.post("/v1/api-keys", keyBody("greedy", child, 9, "read"));
        assertEquals(403, more.status());
        ApiClient.Response defaultLimit = admin.post("/v1/api-keys", keyBody("greedy", child, null, "read"));
        assertEquals(403, defaultLimit.status(), "the server-wide limit is more than this key has");

        assertEquals("8", admin.get("/v1/organizations").header("X-RateLimit-Limit"), "nothing changed");
        ApiClient.Response byAncestor = server.root().patch("/v1/api-keys/" + id, Map.of("rate_limit_per_hour", 50));
        assertEquals(200, byAncestor.status(), "the parent organization's key may");
    }

    @Test
    void changedAndRevokedKeysShowTheirRealUsageAndTheSameCreationTime() {
        ApiClient.Response made = server.root().post("/v1/api-keys", keyBody("busy", child, null, "read"));
        String id = made.data().get("id").asText();
        ApiClient busy = server.client(made.data().get("key").asText());
        busy.get("/v1/organizations");
        busy.get("/v1/organizations");

        JsonNode listed = null;
        for (JsonNode key : server.root().get("/v1/api-keys").data()) {
            if (key.get("id").asText().equals(id)) listed = key;
        }
        assertEquals(2, listed.get("request_count").asInt());
        assertEquals(made.data().get("created_at").asText(), listed.get("created_at").asText(),
                "the same instant at creation and in the list");

        JsonNode renamed = server.root().patch("/v1/api-keys/" + id, Map.of("name", "busier")).data();
        assertEquals(2, renamed.get("request_count").asInt());
        assertEquals(listed.get("last_used_at").asText(), renamed.get("last_used_at").asText());
        JsonNode revoked = server.root().delete("/v1/api-keys/" + id).data();
        assertEquals(2, revoked.get("request_count").asInt());
        assertTrue(Instant.parse(revoked.get("last_used_at").asText()).isAfter(Instant.parse(listed.get("created_at").asText()))
                || revoked.get("last_used_at").asText().equals(listed.get("created_at").asText()));
    }
}
