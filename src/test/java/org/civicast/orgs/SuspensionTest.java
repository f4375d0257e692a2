package org.civicast.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A suspended organization's keys, and its descendants', stop working until it is active again. */
class SuspensionTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void suspendingAnOrganizationStopsItsKeysAndItsDescendantsKeysUntilReactivated() {
        String agencyClient = server.createOrganization(server.rootOrganizationId(), "Agency client");
        String clientBranch = server.createOrganization(agencyClient, "Client branch");
        ApiClient clientKey = server.client(server.createKey(agencyClient, "read"));
        ApiClient branchKey = server.client(server.createKey(clientBranch, "read"));
        assertEquals(200, branchKey.get("/v1/organizations").status());

        assertEquals(200, server.root().patch("/v1/organizations/" + agencyClient, Map.of("status", "suspended")).status());
        ApiClient.Response refused = branchKey.get("/v1/organizations");
        assertEquals(403, refused.status());
        assertEquals("ORGANIZATION_SUSPENDED", refused.json().get("details").get("reason").asText());
        assertEquals(403, clientKey.get("/v1/brands").status());
        assertEquals(200, server.root().get("/v1/organizations/" + agencyClient).status(), "the parent still manages it");

        assertEquals(200, server.root().patch("/v1/organizations/" + agencyClient, Map.of("status", "active")).status());
        assertEquals(200, branchKey.get("/v1/organizations").status());
        assertEquals(200, clientKey.get("/v1/organizations").status());
    }

    @Test
    void aSuspendedOrganizationsKeyIsStillCountedAndThrottled() {
        String org = server.createOrganization(server.rootOrganizationId(), "Lapsed client");
        ApiClient.Response created = server.root().post("/v1/api-keys", Map.of("name", "limited",
                "organization_id", org, "scopes", java.util.List.of("read"), "rate_limit_per_hour", 3));
        ApiClient key = server.client(created.data().get("key").asText());
        assertEquals(200, server.root().patch("/v1/organizations/" + org, Map.of("status", "suspended")).status());

        ApiClient.Response first = key.get("/v1/organizations");
        assertEquals(403, first.status());
        assertEquals("3", first.header("X-RateLimit-Limit"), "the refusal carries the key's own limit");
        assertEquals("2", first.header("X-RateLimit-Remaining"));
        assertEquals("1", key.get("/v1/organizations").header("X-RateLimit-Remaining"));
        key.get("/v1/organizations");
        ApiClient.Response throttled = key.get("/v1/organizations");
        assertEquals(429, throttled.status(), "a suspended organization's key cannot hammer the server");
    }

    @Test
    void twoCredentialsInOneRequestAreRefused() {
        String other = server.createKey(server.rootOrganizationId(), "read");
        ApiClient.Response both = server.root().send("GET", "/v1/organizations", null, Map.of("X-API-Key", other));
        assertEquals(400, both.status(), both.toString());
        assertEquals("VALIDATION_ERROR", both.code());
        assertEquals("X-API-Key", both.json().get("details").get(0).get("field").asText());
        assertEquals(true, both.header("X-RateLimit-Remaining") != null, "counted against the address");
    }
}
