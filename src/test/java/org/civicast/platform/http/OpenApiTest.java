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

    /** Every documented answer of every read has exactly the fields its schema lists. */
    @Test
    void responseSchemasMatchWhatIsServed() {
        var root = server.root();
        String org = server.rootOrganizationId();
        String brand = TestServer.idOf(root.post("/v1/brands", java.util.Map.of("brand_name", "Schema brand")));
        String campaign = TestServer.idOf(root.post("/v1/campaigns",
                java.util.Map.of("brand_id", brand, "name", "Schema campaign", "use_case", "MIXED")));
        String tfv = TestServer.idOf(root.post("/v1/toll-free-verifications", java.util.Map.of("name", "Schema tfv")));
        TestServer.idOf(root.post("/v1/phone-numbers", java.util.Map.of("number", "+12025550188", "channel", "10dlc",
                "campaign_id", campaign)));
        TestServer.idOf(root.post("/v1/tracking-domains", java.util.Map.of("domain", "go.schema.org", "status", "active")));
        java.util.Map<String, String> ids = java.util.Map.of("/organizations", org, "/campaigns", campaign,
                "/toll-free-verifications", tfv);

        JsonNode doc = server.client(null).get("/v1/openapi.json").json();
        JsonNode schemas = doc.get("components").get("schemas");
        int checked = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
            JsonNode get = path.getValue().get("get");
            if (get == null) continue;
            JsonNode data = get.get("responses").get("200").get("content").get("application/json")
                    .get("schema").get("properties").get("data");
            assertTrue(data.size() > 0, "no response schema for " + path.getKey());
            String url = path.getKey();
            for (var e : ids.entrySet()) {
                if (url.startsWith(e.getKey() + "/{id}")) url = url.replace("{id}", e.getValue());
            }
            JsonNode served = server.root().get("/v1" + url).data();
            boolean list = data.has("items");
            JsonNode item = list ? data.get("items") : data;
            for (JsonNode value : list ? served : java.util.List.of(served)) {
                assertTrue(matchesOne(value, item, schemas), path.getKey() + ": " + value + " does not match " + item);
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked + " answers");
    }

    private static boolean matchesOne(JsonNode value, JsonNode schema, JsonNode schemas) {
        if (schema.has("oneOf")) {
            for (JsonNode option : schema.get("oneOf")) if (matchesOne(value, option, schemas)) return true;
            return false;
        }
        String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
        Set<String> expected = new TreeSet<>();
        schemas.get(name).get("properties").fieldNames().forEachRemaining(expected::add);
        Set<String> actual = new TreeSet<>();
        value.fieldNames().forEachRemaining(actual::add);
        return expected.equals(actual);
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
