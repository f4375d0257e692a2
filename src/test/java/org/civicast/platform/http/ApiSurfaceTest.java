package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.idempotency.IdempotentRequests;
import org.civicast.platform.metrics.Metrics;
import org.civicast.platform.openapi.OpenApiDocument;
import org.civicast.platform.ratelimit.RateLimiter;
import org.civicast.platform.surfaces.TextingSurface;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestDatabases;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second API surface plugs into the HTTP platform as a value: its own prefix, credential
 * (HTTP Basic with an account id and token here), body shapes and OpenAPI security scheme, served
 * beside the texting API by the same server with no branch for either in the shared code.
 */
class ApiSurfaceTest {
    static Database db;
    static Javalin http;
    static Path dataDir;
    static ApiSurface basic;
    static final java.util.concurrent.CountDownLatch SLOW_STARTED = new java.util.concurrent.CountDownLatch(2);
    static final java.util.concurrent.CountDownLatch SLOW_RELEASE = new java.util.concurrent.CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("civicast-surface");
        Config config = Config.load(Map.of("CIVICAST_DATA_DIR", dataDir.toString(), "CIVICAST_PORT", "0",
                "CIVICAST_BIND_ADDRESS", "127.0.0.1", "CIVICAST_RATE_LIMIT_PER_HOUR", "6"));
        db = Database.connect(DatabaseAddress.parse(TestDatabases.fresh(), null, null), 4, null);
        db.migrate();
        Clock clock = Clock.systemUTC();
        Api texting = new Api();
        texting.get("/v1/things", Scope.READ).operation("listThings", "Things").handle(req -> Reply.ok(List.of("t")));
        Api accounts = new Api();
        accounts.get("/vb/things", Scope.READ).operation("listThings", "Things")
                .handle(req -> Reply.ok(List.of(req.principal().organizationId())));
        accounts.get("/vb/dated", Scope.READ).operation("dated", "A dated thing")
                .handle(req -> Reply.ok(Map.of("v", 1)).modifiedAt(java.time.Instant.parse("2026-11-01T10:00:00.123Z")));
        accounts.get("/vb/slow", Scope.READ).operation("slow", "Waits")
                .handle(req -> {
                    SLOW_STARTED.countDown();
                    try {
                        SLOW_RELEASE.await(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.ok(List.of());
                });
        accounts.post("/vb/things", Scope.WRITE).operation("makeThing", "A thing")
                .body(Schema.object().required("name", Field.string(1, 50)).optional("count", Field.integer(1, 9)))
                .handle(req -> Reply.created(Map.of("name", req.body().string("name"), "count",
                        req.body().integer("count") == null ? 0 : req.body().integer("count"))));
        accounts.post("/vb/refusals", Scope.WRITE).operation("refuse", "Writes, then refuses")
                .body(Schema.object().optional("name", Field.string(1, 50)))
                .handle(req -> {
                    db.tx(h -> h.execute("SELECT 1"));
                    throw ApiException.validation("name", "is refused after the write began");
                });
        basic = new ApiSurface("/vb", accounts, new BasicAccount(), BodyFormat.FORM, new ResponseWrapper(), true, 2, "Basic", "A second API");
        HttpServer server = new HttpServer(config,
                List.of(TextingSurface.of(texting, new NoKeys()), basic),
                new RateLimiter(db, clock), new IdempotentRequests(db, clock, Duration.ofHours(1)), db, new Metrics(), clock);
        http = server.create().start();
    }

    @AfterAll
    static void stop() {
        if (http != null) http.stop();
        if (db != null) db.close();
    }

    private static ApiClient.Response get(String path, String authorization) {
        ApiClient client = TestServer.clientFor("https://localhost:" + http.port(), dataDir, null);
        return client.send("GET", path, null, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    private static String basicOf(String account, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachSurfaceAuthenticatesAndAnswersInItsOwnShape() {
        ApiClient.Response ok = get("/vb/things", basicOf("acct_1", "token-1"));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("acct_1", ok.json().get("response").get("results").get(0).asText());

        ApiClient.Response missing = get("/vb/things", null);
        assertEquals(401, missing.status());
        assertEquals("Authentication required", missing.json().get("response").get("errors").get(0).asText());
        assertNotNull(missing.header("X-RateLimit-Limit"), "counted before the refusal");

        ApiClient.Response unknownRoute = get("/vb/nothing-here", basicOf("acct_1", "token-1"));
        assertEquals(404, unknownRoute.status());
        assertTrue(unknownRoute.json().get("response").has("errors"), unknownRoute.toString());

        ApiClient.Response texting = get("/v1/nothing-here", null);
        assertEquals(false, texting.json().get("success").asBoolean(), "the texting surface keeps its envelope");
        ApiClient.Response outside = get("/nowhere", null);
        assertEquals("NOT_FOUND", outside.json().get("code").asText(), "outside every surface: the first one's shape");
    }

    @Test
    void aFormSurfaceTakesFormBodiesTypedByItsSchema() {
        ApiClient client = TestServer.clientFor("https://localhost:" + http.port(), dataDir, null);
        Map<String, String> form = Map.of("Authorization", basicOf("acct_form", "token-form"),
                "Content-Type", "application/x-www-form-urlencoded");
        ApiClient.Response made = client.send("POST", "/vb/things", "name=two+words%21&count=3", form);
        assertEquals(201, made.status(), made.toString());
        assertEquals("two words!", made.json().at("/response/results/name").asText());
        assertEquals(3, made.json().at("/response/results/count").asInt());

        ApiClient.Response wrongType = client.send("POST", "/vb/things", "name=x&count=many", form);
        assertEquals(400, wrongType.status());
        ApiClient.Response twice = client.send("POST", "/vb/things", "name=x&name=y", form);
        assertEquals(400, twice.status());
        ApiClient.Response json = client.send("POST", "/vb/things", "{\"name\":\"x\"}",
                Map.of("Authorization", basicOf("acct_form", "token-form"), "Content-Type", "application/json"));
        assertEquals(415, json.status(), "a form surface takes forms");
    }

    @Test
    void getsAnswerConditionallyWhereTheSurfaceSaysSo() {
        String auth = basicOf("acct_cond", "token-cond");
        ApiClient client = TestServer.clientFor("https://localhost:" + http.port(), dataDir, null);
        ApiClient.Response first = client.send("GET", "/vb/dated", null, Map.of("Authorization", auth));
        String etag = first.header("ETag");
        assertNotNull(etag);
        assertEquals("Sun, 1 Nov 2026 10:00:00 GMT", first.header("Last-Modified"));
        ApiClient.Response same = client.send("GET", "/vb/dated", null, Map.of("Authorization", auth, "If-None-Match", etag));
        assertEquals(304, same.status());
        assertEquals(0, same.raw().length);
        ApiClient.Response other = client.send("GET", "/vb/dated", null,
                Map.of("Authorization", auth, "If-None-Match", "\"something-else\""));
        assertEquals(200, other.status());
        ApiClient.Response since = client.send("GET", "/vb/dated", null,
                Map.of("Authorization", auth, "If-Modified-Since", "Sun, 01 Nov 2026 10:00:00 GMT"));
        assertEquals(304, since.status(), "not modified since the second it was last changed");
        ApiClient.Response before = client.send("GET", "/vb/dated", null,
                Map.of("Authorization", auth, "If-Modified-Since", "Sun, 01 Nov 2026 09:59:59 GMT"));
        assertEquals(200, before.status());
    }

    @Test
    void anAccountHasALimitedNumberOfRequestsRunningAtOnce() throws Exception {
        String auth = basicOf("acct_busy", "token-busy");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> get("/vb/slow", auth));
            var b = pool.submit(() -> get("/vb/slow", auth));
            assertTrue(SLOW_STARTED.await(10, java.util.concurrent.TimeUnit.SECONDS), "two requests running");
            ApiClient.Response third = get("/vb/things", auth);
            assertEquals(429, third.status(), third.toString());
            assertEquals("1", third.header("Retry-After"));
            assertEquals(200, get("/vb/things", basicOf("acct_other", "token-other")).status(), "per account");
            SLOW_RELEASE.countDown();
            assertEquals(200, a.get().status());
            assertEquals(200, b.get().status());
            assertEquals(200, get("/vb/things", auth).status(), "slots are freed when requests end");
        } finally {
            SLOW_RELEASE.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestOverItsHourlyLimitHoldsNoSlot() throws Exception {
        String auth = basicOf("acct_thrifty", "token-thrifty");
        ApiClient.Response last = null;
        for (int i = 0; i < 8; i++) last = get("/vb/things", auth);
        assertEquals(429, last.status(), "past the hourly limit");
        // Counted and refused in the statement that would take the slot: none may stay held after it (the
        // allowed requests' slots are freed just after their answers, so wait for those a little).
        long deadline = System.currentTimeMillis() + 5_000;
        int held;
        do {
            held = db.read(h -> h.createQuery("SELECT count(*) FROM in_flight_slots"
                    + " WHERE subject = 'inflight:acct_thrifty' AND holder IS NOT NULL").mapTo(Integer.class).one());
        } while (held > 0 && System.currentTimeMillis() < deadline && sleep(50));
        assertEquals(0, held);
    }

    @Test
    void aWriteFreesItsSlotWhenItsTransactionCommitsAndAFailedOneWhenItEnds() throws Exception {
        String auth = basicOf("acct_writer", "token-writer");
        ApiClient client = TestServer.clientFor("https://localhost:" + http.port(), dataDir, null);
        Map<String, String> form = Map.of("Authorization", auth, "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(201, client.send("POST", "/vb/things", "name=one", form).status());
        assertEquals(2, (int) db.read(h -> h.createQuery("SELECT count(*) FROM in_flight_slots WHERE subject = 'inflight:acct_writer'")
                .mapTo(Integer.class).one()), "the account's slots");
        assertEquals(0, heldBy("acct_writer"), "freed by the commit, before the answer was sent");

        String refusedAuth = basicOf("acct_refused", "token-refused");
        ApiClient.Response refused = client.send("POST", "/vb/refusals", "name=x",
                Map.of("Authorization", refusedAuth, "Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(400, refused.status(), refused.toString());
        long deadline = System.currentTimeMillis() + 5_000;
        int held;
        do {
            held = heldBy("acct_refused");
        } while (held > 0 && System.currentTimeMillis() < deadline && sleep(50));
        assertEquals(0, held, "rolled back with its transaction, then freed as the request ended");
    }

    private static int heldBy(String account) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM in_flight_slots WHERE subject = :s AND holder IS NOT NULL")
                .bind("s", "inflight:" + account).mapTo(Integer.class).one());
    }

    @Test
    void aCallerRefusedForItsStandingIsCountedAndThrottled() {
        String suspended = basicOf("acct_suspended", "token-suspended");
        ApiClient.Response first = get("/vb/things", suspended);
        assertEquals(403, first.status());
        int remaining = Integer.parseInt(first.header("X-RateLimit-Remaining"));
        ApiClient.Response second = get("/vb/things", suspended);
        assertEquals(remaining - 1, Integer.parseInt(second.header("X-RateLimit-Remaining")));
        ApiClient.Response last = null;
        for (int i = 0; i < 5; i++) last = get("/vb/things", suspended);
        assertEquals(429, last.status(), "a refused caller still runs out of requests");
        assertNotNull(last.header("Retry-After"));
    }

    @Test
    void theDocumentDeclaresTheSurfacesSchemeAndShapes() {
        Map<String, Object> doc = OpenApiDocument.of(basic, "https://example.org/vb", "1");
        JsonNode json = Json.MAPPER.valueToTree(doc);
        assertEquals("http", json.at("/components/securitySchemes/AccountToken/type").asText());
        assertEquals("basic", json.at("/components/securitySchemes/AccountToken/scheme").asText());
        assertTrue(json.at("/paths").has("/things"), json.at("/paths").toString());
        assertTrue(json.at("/paths/~1things/get/responses/200/content/application~1json/schema/properties")
                .has("response"));
    }

    @Test
    void aRouteOutsideItsSurfacesPrefixIsRefusedAtStart() {
        Api stray = new Api();
        stray.get("/v1/things", Scope.READ).handle(req -> Reply.ok(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ApiSurface("/vb", stray, new BasicAccount(), BodyFormat.FORM, new ResponseWrapper(), false, 0, "x", "y"));
    }

    /** A surface whose callers present an account id and token with HTTP Basic. */
    static final class BasicAccount implements Authentication {
        @Override
        public Optional<String> presented(Context ctx) {
            String header = ctx.header("Authorization");
            if (header == null || !header.startsWith("Basic ")) return Optional.empty();
            return Optional.of(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8));
        }

        @Override
        public Optional<Principal> identify(String credential) {
            String[] parts = credential.split(":", 2);
            if (parts.length != 2 || !parts[1].equals(parts[0].replace("acct_", "token-"))) return Optional.empty();
            return Optional.of(new Principal("account:" + parts[0], parts[0], Subtree.WHOLE_TREE,
                    EnumSet.allOf(Scope.class), null));
        }

        @Override
        public void checkStanding(Principal principal) {
            if (principal.organizationId().endsWith("suspended")) {
                throw new ApiException(ErrorCode.ORG_ACCESS_DENIED, "Account suspended");
            }
        }

        @Override
        public ApiException missing() {
            return new ApiException(ErrorCode.INVALID_API_KEY, "Authentication required");
        }

        @Override
        public ApiException unknown() {
            return new ApiException(ErrorCode.INVALID_API_KEY, "Invalid account or token");
        }

        @Override
        public String schemeName() {
            return "AccountToken";
        }

        @Override
        public Map<String, Object> scheme() {
            return Map.of("type", "http", "scheme", "basic");
        }
    }

    /** Answers as {@code {"response": {"results": …}}} and {@code {"response": {"errors": […]}}}. */
    static final class ResponseWrapper implements Rendering {
        @Override
        public byte[] success(Object data) {
            return Json.bytes(Map.of("response", Map.of("results", data)));
        }

        @Override
        public byte[] error(ErrorCode code, int status, String message, Object details, String requestId) {
            Map<String, Object> errors = new LinkedHashMap<>();
            errors.put("errors", List.of(message));
            return Json.bytes(Map.of("response", errors));
        }

        @Override
        public Map<String, Object> successSchema(Map<String, Object> dataSchema) {
            return Map.of("type", "object", "properties",
                    Map.of("response", Map.of("type", "object", "properties", Map.of("results", dataSchema))));
        }

        @Override
        public Map<String, Object> errorSchema() {
            return Map.of("type", "object");
        }
    }

    /** The texting surface here has no keys at all: every key is unknown. */
    static final class NoKeys implements Authenticator {
        @Override
        public Optional<Principal> authenticate(String presented) {
            return Optional.empty();
        }

        @Override
        public void checkStanding(Principal principal) {}
    }
}
