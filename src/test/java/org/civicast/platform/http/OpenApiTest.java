package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document lists exactly the endpoints the router serves. */
class OpenApiTest {
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
    void documentMatchesRegisteredRoutes() {
        ApiClient.Response r = server.client(null).get("/v1/openapi.json");
        assertEquals(200, r.status());
        JsonNode doc = r.json();
        assertEquals("3.1.0", doc.get("openapi").asText());

        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " /v1" + path.getKey())));
        Set<String> served = new TreeSet<>();
        for (String route : server.civicast().routes()) {
            if (route.contains(" /v1/") && !route.equals("GET /v1/openapi.json")) served.add(route);
        }
        assertFalse(served.isEmpty());
        assertEquals(served, documented);
    }

    @Test
    void everyOperationHasAnIdScopeAndErrorResponse() {
        JsonNode paths = server.client(null).get("/v1/openapi.json").json().get("paths");
        Set<String> operationIds = new TreeSet<>();
        paths.forEach(item -> item.forEach(op -> {
            assertTrue(op.hasNonNull("operationId"), op.toString());
            assertTrue(operationIds.add(op.get("operationId").asText()), "duplicate " + op.get("operationId"));
            assertTrue(op.hasNonNull("x-required-scope"));
            assertTrue(op.get("responses").has("default"));
        }));
        assertTrue(operationIds.containsAll(Set.of("listOrganizations", "getHierarchy")));
    }
}
