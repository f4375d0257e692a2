package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the published OpenAPI document, called about organization A's things with a
 * key of A's sibling B and with A's revoked key: nothing is answered, nothing leaks, nothing changes.
 * A new endpoint without a sample body here fails the test, so the matrix cannot fall behind.
 */
class AuthorizationMatrixTest {
    static TestServer server;
    static ApiClient root;
    static ApiClient sibling;
    static ApiClient revoked;
    static final Map<String, String> a = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.root();
        String rootOrg = server.rootOrganizationId();
        a.put("org", server.createOrganization(rootOrg, "Tenant A"));
        a.put("child", server.createOrganization(a.get("org"), "Tenant A child"));
        String b = server.createOrganization(rootOrg, "Tenant B");
        sibling = server.client(server.createKey(b, "read", "write", "admin"));
        a.put("brand", TestServer.idOf(root.post("/v1/brands",
                Map.of("brand_name", "A brand", "organization_id", a.get("org")))));
        a.put("campaign", TestServer.idOf(root.post("/v1/campaigns",
                Map.of("brand_id", a.get("brand"), "name", "A campaign", "use_case", "POLITICAL"))));
        a.put("tfv", TestServer.idOf(root.post("/v1/toll-free-verifications",
                Map.of("name", "A toll-free", "organization_id", a.get("org")))));
        a.put("number", TestServer.idOf(root.post("/v1/phone-numbers", Map.of("number", "+12025550171",
                "channel", "10dlc", "organization_id", a.get("org"), "campaign_id", a.get("campaign")))));
        assertEquals(201, root.post("/v1/phone-numbers/" + a.get("number") + "/shares",
                Map.of("organization_id", a.get("child"), "nickname", "A lent")).status());
        a.put("domain", TestServer.idOf(root.post("/v1/tracking-domains",
                Map.of("domain", "go.tenant-a.org", "organization_id", a.get("org"), "status", "active"))));
        a.put("advocacy", TestServer.idOf(root.post("/v1/advocacy/campaigns", Map.of("name", "A advocacy",
                "organization_id", a.get("org"), "actions", java.util.List.of(Map.of("type", "petition", "message", "m"))))));
        a.put("list", root.post("/v1/contact-lists/import", Map.of("source_url", "https://files.tenant-a.example/a.csv",
                "list_name", "A list", "phone_column", "phone", "organization_id", a.get("org"))).data().get("list_id").asText());
        a.put("token", TestServer.idOf(root.post("/v1/auth-tokens", Map.of("name", "A token", "organization_id", a.get("org")))));
        a.put("media", root.post("/v1/media", Map.of("source_url", "https://127.0.0.1:9/a.jpg",
                "organization_id", a.get("org"))).data().get("media_id").asText());
        a.put("project", root.post("/v1/projects", Map.of("organization_id", a.get("org"), "brand_id", a.get("brand"),
                "campaign_id", a.get("campaign"), "phone_number_ids", java.util.List.of(a.get("number")),
                "name", "A project", "protocol", "sms", "message_text", "Hi {first_name|there}")).data()
                .get("project_id").asText());
        String revokedSecret = server.createKey(a.get("org"), "read", "write", "admin");
        ApiClient.Response keys = root.get("/v1/api-keys?organization_id=" + a.get("org"));
        a.put("key", keys.data().get(0).get("id").asText());
        revoked = server.client(revokedSecret);
        assertEquals(200, root.delete("/v1/api-keys/" + a.get("key")).status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What each operation is called with; ids are A's. */
    private static Map<String, Object> sampleBody(String operationId) {
        return switch (operationId) {
            case "createOrganization" -> Map.of("display_name", "Intruder", "parent_id", a.get("org"));
            case "updateOrganization" -> Map.of("display_name", "Renamed");
            case "createApiKey" -> Map.of("name", "intruder", "organization_id", a.get("org"));
            case "updateApiKey" -> Map.of("rate_limit_per_hour", 1);
            case "createBrand" -> Map.of("brand_name", "Intruder", "organization_id", a.get("org"));
            case "updateBrand" -> Map.of("brand_name", "Renamed");
            case "createCampaign" -> Map.of("brand_id", a.get("brand"), "name", "Intruder", "use_case", "POLITICAL");
            case "updateCampaign" -> Map.of("name", "Renamed");
            case "createPhoneNumber" -> Map.of("number", "+12025550172", "channel", "10dlc",
                    "organization_id", a.get("org"));
            case "updatePhoneNumber" -> Map.of("status", "released");
            case "sharePhoneNumber" -> Map.of("organization_id", a.get("child"), "nickname", "stolen");
            case "createTrackingDomain" -> Map.of("domain", "evil.example.org", "organization_id", a.get("org"));
            case "updateTrackingDomain" -> Map.of("notes", "changed");
            case "createTollFreeVerification" -> Map.of("name", "Intruder", "organization_id", a.get("org"));
            case "updateTollFreeVerification" -> Map.of("name", "Renamed");
            case "createAuthToken" -> Map.of("name", "intruder", "organization_id", a.get("org"));
            case "createAdvocacyCampaign" -> Map.of("name", "Intruder", "organization_id", a.get("org"),
                    "actions", java.util.List.of(Map.of("type", "petition", "message", "m")));
            case "updateAdvocacyCampaign" -> Map.of("name", "Renamed");
            case "importContactList" -> Map.of("source_url", "https://evil.example/x.csv", "list_name", "Intruder",
                    "phone_column", "phone", "organization_id", a.get("org"));
            case "importMedia" -> Map.of("source_url", "https://evil.example.org/x.jpg", "organization_id", a.get("org"));
            case "createProject" -> Map.of("organization_id", a.get("org"), "brand_id", a.get("brand"),
                    "campaign_id", a.get("campaign"), "phone_number_ids", java.util.List.of(a.get("number")),
                    "name", "Intruder", "protocol", "sms", "message_text", "m");
            case "updateProject" -> Map.of("name", "Renamed", "message_text", "changed");
            case "testProject" -> Map.of("test_contacts", java.util.List.of(Map.of("phone", "+12025550177")));
            case "scheduleProject" -> Map.of("scheduled_at", "2030-01-01T00:00:00Z", "scheduled_timezone",
                    "America/New_York");
            default -> null;
        };
    }

    private static String fill(String path) {
        String resource = path.startsWith("/organizations") ? "org"
                : path.startsWith("/brands") ? "brand"
                : path.startsWith("/campaigns") ? "campaign"
                : path.startsWith("/phone-numbers") ? "number"
                : path.startsWith("/tracking-domains") ? "domain"
                : path.startsWith("/toll-free-verifications") ? "tfv"
                : path.startsWith("/api-keys") ? "key"
                : path.startsWith("/auth-tokens") ? "token"
                : path.startsWith("/advocacy/campaigns") ? "advocacy"
                : path.startsWith("/contact-lists") ? "list"
                : path.startsWith("/media") ? "media"
                : path.startsWith("/projects") ? "project" : null;
        String filled = path.replace("{organizationId}", a.get("child"));
        if (filled.contains("{id}")) {
            assertNotNull(resource, "no resource of A to put in " + path);
            filled = filled.replace("{id}", a.get(resource));
        }
        return "/v1" + filled;
    }

    record Call(String operationId, String method, String path, Object body, boolean filterable) {}

    private static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        JsonNode paths = root.get("/v1/openapi.json").json().get("paths");
        paths.fields().forEachRemaining(item -> item.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase();
            String operationId = op.getValue().get("operationId").asText();
            Object body = op.getValue().has("requestBody") ? sampleBody(operationId) : null;
            if (op.getValue().has("requestBody")) {
                assertNotNull(body, "add a sample body for " + operationId + " to this test");
            }
            boolean filterable = op.getValue().toString().contains("\"organization_id\"")
                    || op.getValue().toString().contains("\"organizationId\"");
            calls.add(new Call(operationId, method, fill(item.getKey()), body, filterable));
        }));
        return calls;
    }

    private static String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String list : List.of("/v1/organizations", "/v1/brands", "/v1/campaigns", "/v1/phone-numbers",
                "/v1/tracking-domains", "/v1/toll-free-verifications", "/v1/api-keys?include_revoked=true",
                "/v1/contact-lists", "/v1/projects")) {
            all.append(root.get(list).data().toString());
        }
        // A media file's status moves on by itself as its import runs: which files exist is what counts.
        root.get("/v1/media").data().forEach(file -> all.append(file.get("id").asText()).append(' '));
        return all.toString().replaceAll("\"(last_used_at|request_count)\":[^,}]*", "");
    }

    private static void assertNoLeak(Call call, ApiClient.Response r) {
        String body = new String(r.raw());
        String sent = call.path() + " " + call.body();
        for (var entry : a.entrySet()) {
            // An error may repeat an id the caller sent itself; that tells the caller nothing new.
            if (sent.contains(entry.getValue()) && r.status() >= 400) continue;
            assertFalse(body.contains(entry.getValue()), call + " leaked A's " + entry.getKey() + ": " + r);
        }
        assertFalse(body.contains("Tenant A") || body.contains("A brand") || body.contains("A campaign"),
                call + " leaked a name: " + r);
    }

    @Test
    void siblingKeyReachesNothingOfA() {
        String before = snapshot();
        List<Call> calls = calls();
        assertTrue(calls.size() >= 30, "matrix covers " + calls.size() + " operations");
        for (Call call : calls) {
            ApiClient.Response r = sibling.send(call.method(), call.path(), call.body(), Map.of());
            boolean aboutA = call.path().matches(".*/(org|brand|camp|pn|td|tfv|key|tok|adv|cl|med|proj)_.*")
                    || call.body() != null && call.body().toString().matches(".*(org|brand|camp)_.*");
            if (aboutA) {
                assertTrue(r.status() == 403 || r.status() == 404, call + " answered " + r);
                assertTrue(r.status() == 403 ? r.code().equals("ORG_ACCESS_DENIED") : r.code().endsWith("NOT_FOUND"),
                        call + " answered " + r);
            } else {
                assertTrue(r.status() / 100 == 2, call + " answered " + r);
            }
            assertNoLeak(call, r);
            if (call.method().equals("GET") && call.filterable() && !aboutA) {
                String param = call.path().equals("/v1/hierarchy") ? "organizationId" : "organization_id";
                ApiClient.Response filtered = sibling.get(call.path() + "?" + param + "=" + a.get("org"));
                assertEquals(403, filtered.status(), call + " filtered by A answered " + filtered);
                assertEquals("ORG_ACCESS_DENIED", filtered.code());
            }
        }
        assertEquals(before, snapshot(), "the sibling changed something of A's");
    }

    @Test
    void revokedKeyIsRefusedEverywhere() {
        String before = snapshot();
        for (Call call : calls()) {
            ApiClient.Response r = revoked.send(call.method(), call.path(), call.body(), Map.of());
            assertEquals(401, r.status(), call + " answered " + r);
            assertEquals("INVALID_API_KEY", r.code());
            assertNoLeak(call, r);
        }
        assertEquals(before, snapshot());
    }
}
