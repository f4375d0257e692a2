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
}
