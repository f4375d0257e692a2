package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.civicast.testing.ApiClient;
import org.civicast.testing.OpenApiAnswers;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published OpenAPI document lists exactly the endpoints the router serves, is valid for
 * validating clients (ECMA-262 patterns, kinds of record a row can match only once), and real
 * answers pass its schemas.
 */
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

    /**
     * Every documented answer of every read has exactly the fields its schema lists, each of the
     * JSON type the schema declares (null only where the schema allows it).
     */
    @Test
    void responseSchemasMatchWhatIsServed() {
        var root = server.root();
        String org = server.rootOrganizationId();
        String brand = TestServer.idOf(root.post("/v1/brands", java.util.Map.of("brand_name", "Schema brand")));
        String campaign = TestServer.idOf(root.post("/v1/campaigns",
                java.util.Map.of("brand_id", brand, "name", "Schema campaign", "use_case", "MIXED")));
        String tfv = TestServer.idOf(root.post("/v1/toll-free-verifications", java.util.Map.of("name", "Schema tfv")));
        String number = TestServer.idOf(root.post("/v1/phone-numbers", java.util.Map.of("number", "+12025550188",
                "channel", "10dlc", "campaign_id", campaign)));
        TestServer.idOf(root.post("/v1/tracking-domains", java.util.Map.of("domain", "go.schema.org", "status", "active")));
        TestServer.idOf(root.post("/v1/auth-tokens", java.util.Map.of("name", "Schema token")));
        String advocacy = TestServer.idOf(root.post("/v1/advocacy/campaigns", java.util.Map.of("name", "Schema advocacy",
                "actions", java.util.List.of(java.util.Map.of("type", "petition", "message", "m")))));
        String contactList = root.post("/v1/contact-lists/import", java.util.Map.of("source_url",
                "https://files.schema.example/voters.csv", "list_name", "Schema list", "phone_column", "phone"))
                .data().get("list_id").asText();
        // Nothing to fetch it from here: the file ends failed, which is a real answer of the same shape.
        String media = root.post("/v1/media", java.util.Map.of("source_url", "https://127.0.0.1:9/schema.jpg",
                "brand_id", brand)).data().get("media_id").asText();
        String project = root.post("/v1/projects", java.util.Map.of("organization_id", org, "brand_id", brand,
                "campaign_id", campaign, "phone_number_ids", java.util.List.of(number), "name", "Schema project",
                "protocol", "sms", "message_text", "Hi {first_name|there}")).data().get("project_id").asText();
        java.util.Map<String, String> ids = java.util.Map.of("/organizations", org, "/campaigns", campaign,
                "/toll-free-verifications", tfv, "/advocacy/campaigns", advocacy, "/contact-lists", contactList,
                "/media", media, "/projects", project);

        JsonNode doc = server.client(null).get("/v1/openapi.json").json();
        JsonNode schemas = doc.get("components").get("schemas");
        int checked = 0;
        Set<String> typesSeen = new TreeSet<>();
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
            JsonNode get = path.getValue().get("get");
            if (get == null || !get.get("responses").get("200").get("content").has("application/json")) continue;
            JsonNode data = get.get("responses").get("200").get("content").get("application/json")
                    .get("schema").get("properties").get("data");
            assertTrue(data.size() > 0, "no response schema for " + path.getKey());
            String url = path.getKey();
            for (var e : ids.entrySet()) {
                if (url.startsWith(e.getKey() + "/{id}")) url = url.replace("{id}", e.getValue());
            }
            JsonNode served = server.root().get("/v1" + url).data();
            boolean list = data.has("items");
            assertEquals(list, served.isArray(), path.getKey() + ": " + served);
            assertFalse(list && served.isEmpty(), path.getKey() + ": the fixture left the list empty");
            JsonNode item = list ? data.get("items") : data;
            for (JsonNode value : list ? served : java.util.List.of(served)) {
                List<String> problems = new ArrayList<>();
                check(value, item, schemas, "data", problems, typesSeen);
                assertEquals(List.of(), problems, path.getKey() + ": " + value + " does not match " + item);
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked + " answers");
        assertTrue(typesSeen.containsAll(Set.of("string", "integer", "boolean", "array", "object", "null")),
                "the answers exercised the type checks: " + typesSeen);
    }

    @Test
    void theSchemaCheckCatchesAWrongType() {
        JsonNode schemas = Json.MAPPER.createObjectNode().set("Thing", Json.MAPPER.valueToTree(java.util.Map.of(
                "type", "object", "properties", java.util.Map.of(
                        "count", java.util.Map.of("type", "integer"),
                        "name", java.util.Map.of("type", List.of("string", "null"))))));
        JsonNode ref = Json.MAPPER.valueToTree(java.util.Map.of("$ref", "#/components/schemas/Thing"));
        List<String> problems = new ArrayList<>();
        check(Json.MAPPER.valueToTree(java.util.Map.of("count", 1, "name", "x")), ref, schemas, "v", problems,
                new TreeSet<>());
        assertEquals(List.of(), problems);
        check(Json.MAPPER.valueToTree(java.util.Map.of("count", "1", "name", "x")), ref, schemas, "v", problems,
                new TreeSet<>());
        assertEquals(List.of("v.count: \"1\" is string, not [integer]"), problems);
    }

    /** Adds to problems where value breaks schema: the subset of JSON Schema the document uses. */
    private static void check(JsonNode value, JsonNode schema, JsonNode schemas, String at, List<String> problems,
                              Set<String> typesSeen) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            assertTrue(schemas.has(name), "no schema " + name);
            check(value, schemas.get(name), schemas, at, problems, typesSeen);
            return;
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (!schema.has(combinator)) continue;
            List<String> all = new ArrayList<>();
            int matching = 0;
            for (JsonNode option : schema.get(combinator)) {
                List<String> mine = new ArrayList<>();
                check(value, option, schemas, at, mine, typesSeen);
                if (mine.isEmpty()) matching++;
                all.addAll(mine);
            }
            if (matching == 0) problems.add(at + ": matches none of " + combinator + " " + all);
            if (matching > 1 && combinator.equals("oneOf")) problems.add(at + ": matches several of oneOf");
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        String type = typeOf(value);
        if (schema.has("type")) {
            List<String> allowed = new ArrayList<>();
            if (schema.get("type").isArray()) schema.get("type").forEach(t -> allowed.add(t.asText()));
            else allowed.add(schema.get("type").asText());
            boolean ok = allowed.contains(type) || (type.equals("integer") && allowed.contains("number"));
            if (!ok) {
                problems.add(at + ": " + value + " is " + type + ", not " + allowed);
                return;
            }
            typesSeen.add(type);
        }
        if (value.isTextual() && schema.has("format")) {
            try {
                switch (schema.get("format").asText()) {
                    case "date-time" -> java.time.OffsetDateTime.parse(value.asText());
                    case "date" -> java.time.LocalDate.parse(value.asText());
                    default -> { }
                }
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(at + ": " + value + " is not a " + schema.get("format").asText());
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), schemas, at + "[" + i + "]", problems, typesSeen);
            }
        }
        if (value.isObject() && schema.has("properties")) {
            Set<String> expected = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(expected::add);
            Set<String> actual = new TreeSet<>();
            value.fieldNames().forEachRemaining(actual::add);
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            if (!expected.containsAll(actual) || !actual.containsAll(required)) {
                problems.add(at + ": fields " + actual + ", schema lists " + expected);
            }
            for (String field : expected) {
                if (value.has(field)) {
                    check(value.get(field), schema.get("properties").get(field), schemas, at + "." + field, problems,
                            typesSeen);
                }
            }
        }
    }

    private static String typeOf(JsonNode value) {
        if (value.isNull()) return "null";
        if (value.isTextual()) return "string";
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return "number";
        if (value.isBoolean()) return "boolean";
        if (value.isArray()) return "array";
        if (value.isObject()) return "object";
        return value.getNodeType().toString();
    }

    /**
     * A validating client compiles each pattern as ECMA-262 and tests it anywhere in the value; the
     * server matches the whole value with Java. So each is anchored, and uses no inline flag or
     * escape the two dialects read differently.
     */
    @Test
    void everyPatternIsAnchoredEcma262() {
        List<String> patterns = new ArrayList<>();
        collect(server.client(null).get("/v1/openapi.json").json(), "pattern", patterns);
        assertTrue(patterns.size() >= 5, "patterns: " + patterns);
        Pattern special = Pattern.compile("\\(\\?(?![:=!]|<[=!])"); // (?i), (?<name>, (?>, …
        Pattern differing = Pattern.compile("\\\\[sSpPhHvVRXAzZGQEbBkc0-9]"); // \s, \p{…}, \A, \Q…\E, backreferences
        for (String p : patterns) {
            assertTrue(p.startsWith("^") && p.endsWith("$"), p + " is not anchored with ^…$");
            assertFalse(special.matcher(p).find(), p + " has an inline flag or a group ECMA-262 lacks");
            assertFalse(differing.matcher(p).find(), p + " has an escape ECMA-262 reads differently or lacks");
            assertFalse(p.matches(".*[*+?}]\\+.*"), p + " has a possessive quantifier");
            Pattern.compile(p);
        }
    }

    /** Each oneOf tells its options apart by a property each pins to a different value. */
    @Test
    void everyOneOfIsExclusive() {
        JsonNode doc = server.client(null).get("/v1/openapi.json").json();
        List<JsonNode> oneOfs = new ArrayList<>();
        collectNodes(doc, "oneOf", oneOfs);
        JsonNode schemas = doc.get("components").get("schemas");
        for (JsonNode oneOf : oneOfs) {
            JsonNode parent = parentOf(doc, oneOf);
            String property = parent.path("discriminator").path("propertyName").asText(null);
            assertTrue(property != null, "a oneOf without discriminator: " + parent);
            Set<String> values = new TreeSet<>();
            for (JsonNode option : oneOf) {
                JsonNode schema = schemas.get(option.get("$ref").asText().replace("#/components/schemas/", ""));
                JsonNode pinned = schema.path("properties").path(property).get("const");
                assertTrue(pinned != null && schema.get("required").toString().contains('"' + property + '"'),
                        option + " does not pin and require " + property);
                assertTrue(values.add(pinned.asText()), "two options pin " + property + " to " + pinned);
                assertEquals(option.get("$ref"), parent.get("discriminator").get("mapping").get(pinned.asText()));
            }
        }
        assertFalse(oneOfs.isEmpty());
    }

    /**
     * The tracking-domain list mixes owned and inherited rows; each answer passes the document's
     * response schema (a real JSON Schema 2020-12 validator), and so does every other read.
     */
    @Test
    void realAnswersValidateAgainstTheDocument() {
        var root = server.root();
        String child = server.createOrganization(server.rootOrganizationId(), "Validated child");
        ApiClient childKey = server.client(server.createKey(child, "read", "write"));
        TestServer.idOf(root.post("/v1/tracking-domains", Map.of("domain", "Shared.Validated.example.org",
                "status", "active", "shared_with_descendants", true)));
        TestServer.idOf(root.post("/v1/tracking-domains", Map.of("domain", "own.validated.example.org",
                "status", "active", "organization_id", child)));
        OpenApiAnswers doc = OpenApiAnswers.of(server.client(null).get("/v1/openapi.json").json());

        ApiClient.Response mixed = childKey.get("/v1/tracking-domains");
        Set<String> sources = new TreeSet<>();
        mixed.data().forEach(row -> sources.add(row.get("source").asText()));
        assertEquals(Set.of("own", "inherited"), sources, mixed.toString());
        assertEquals(List.of(), doc.problems("GET", "/v1/tracking-domains", mixed));

        int checked = 0;
        for (String path : List.of("/v1/organizations", "/v1/hierarchy", "/v1/brands", "/v1/campaigns",
                "/v1/tracking-domains", "/v1/phone-numbers", "/v1/toll-free-verifications", "/v1/api-keys", "/v1/projects",
                "/v1/organizations/" + child, "/v1/toll-free-verifications/missing", "/v1/brands?unknown=1")) {
            ApiClient.Response r = root.get(path);
            assertEquals(List.of(), doc.problems("GET", path, r), path + " answered " + r);
            checked++;
        }
        ApiClient.Response refused = server.client("pc_live_" + "x".repeat(40)).get("/v1/brands");
        assertEquals(401, refused.status());
        assertEquals(List.of(), doc.problems("GET", "/v1/brands", refused));
        ApiClient.Response invalid = root.post("/v1/tracking-domains", Map.of("domain", "no spaces.example.org"));
        assertEquals(400, invalid.status());
        assertEquals(List.of(), doc.problems("POST", "/v1/tracking-domains", invalid));
        assertTrue(checked > 0);
    }

    private static void collect(JsonNode node, String key, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(key) && e.getValue().isTextual()) out.add(e.getValue().asText());
                collect(e.getValue(), key, out);
            });
        } else if (node.isArray()) {
            node.forEach(v -> collect(v, key, out));
        }
    }

    private static void collectNodes(JsonNode node, String key, List<JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(key)) out.add(e.getValue());
                collectNodes(e.getValue(), key, out);
            });
        } else if (node.isArray()) {
            node.forEach(v -> collectNodes(v, key, out));
        }
    }

    private static JsonNode parentOf(JsonNode node, JsonNode child) {
        for (JsonNode value : node) {
            if (value == child) return node;
            if (value.isContainerNode()) {
                JsonNode found = parentOf(value, child);
                if (found != null) return found;
            }
        }
        return null;
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
