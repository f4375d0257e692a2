package org.civicast.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tree has a documented depth; past it, creating an organization is a 400 that names the limit. */
class TreeDepthTest {
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
    void theTreeStopsAtItsDocumentedDepthWithAClearError() {
        String parent = server.rootOrganizationId();
        for (int level = 2; level <= OrganizationService.MAX_DEPTH; level++) {
            parent = server.createOrganization(parent, "Level " + level);
        }
        ApiClient.Response tooDeep = server.root().post("/v1/organizations",
                Map.of("display_name", "One too many", "parent_id", parent));
        assertEquals(400, tooDeep.status(), tooDeep.toString());
        assertEquals("VALIDATION_ERROR", tooDeep.code());
        assertEquals("parent_id", tooDeep.json().get("details").get(0).get("field").asText());
        assertEquals(true, tooDeep.json().get("details").get(0).get("message").asText().contains("32 levels"));

        ApiClient deepest = server.client(server.createKey(parent, "read", "admin"));
        ApiClient.Response own = deepest.post("/v1/organizations", Map.of("display_name", "Below me"));
        assertEquals(400, own.status(), "the same when the parent is the key's own organization");
        assertEquals(OrganizationService.MAX_DEPTH, server.root().get("/v1/organizations").data().size());
    }
}
