package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-key hourly limits: headers on every answer, 429 past the limit, one count across instances. */
class RateLimitTest {
    // Mid-hour, so a test's requests never straddle a window boundary by accident.
    static MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:20:00Z"));
    static TestServer first;
    static TestServer second;

    @BeforeAll
    static void start() {
        first = TestServer.start(Map.of("CIVICAST_RATE_LIMIT_PER_HOUR", "5"), clock);
        second = TestServer.startOn(first.databaseUrl(),
                Map.of("CIVICAST_RATE_LIMIT_PER_HOUR", "5", "CIVICAST_BOOTSTRAP_API_KEY", first.rootKey()), clock);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void limitIsSharedAcrossInstancesAndAnswered429WithRetryAfter() {
        clock.set(Instant.parse("2026-11-26T10:20:00Z"));
        String key = createKeyWithLimit(null);
        ApiClient a = first.client(key);
        ApiClient b = second.client(key);
        long reset = Instant.parse("2026-11-26T11:00:00Z").getEpochSecond();
        for (int i = 1; i <= 5; i++) {
            ApiClient.Response r = (i % 2 == 0 ? b : a).get("/v1/organizations");
            assertEquals(200, r.status(), r.toString());
            assertEquals("5", r.header("X-RateLimit-Limit"));
            assertEquals(String.valueOf(5 - i), r.header("X-RateLimit-Remaining"));
            assertEquals(String.valueOf(reset), r.header("X-RateLimit-Reset"));
        }
        ApiClient.Response limited = b.get("/v1/organizations");
        assertEquals(429, limited.status());
        assertEquals("RATE_LIMIT_EXCEEDED", limited.code());
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertEquals(String.valueOf(reset), limited.header("X-RateLimit-Reset"));
        assertEquals(String.valueOf(40 * 60), limited.header("Retry-After"));
        assertEquals(40 * 60, limited.json().get("retryAfter").asInt());

        clock.set(Instant.parse("2026-11-26T11:00:01Z"));
        ApiClient.Response nextWindow = a.get("/v1/organizations");
        assertEquals(200, nextWindow.status());
        assertEquals("4", nextWindow.header("X-RateLimit-Remaining"));
    }

    @Test
    void perKeyLimitOverridesTheServerDefault() {
        clock.set(Instant.parse("2026-11-26T10:20:00Z"));
        String key = createKeyWithLimit(2);
        ApiClient c = first.client(key);
        assertEquals("2", c.get("/v1/organizations").header("X-RateLimit-Limit"));
        c.get("/v1/organizations");
        assertEquals(429, c.get("/v1/organizations").status());
    }

    @Test
    void errorsCarryTheHeadersToo() {
        clock.set(Instant.parse("2026-11-26T12:20:00Z"));
        String key = createKeyWithLimit(null);
        ApiClient.Response notFound = first.client(key).get("/v1/nowhere");
        assertEquals(404, notFound.status());
        assertEquals("4", notFound.header("X-RateLimit-Remaining"));
        ApiClient.Response badKey = first.client(TestServer.randomKey()).get("/v1/organizations");
        assertEquals(401, badKey.status());
        assertTrue(badKey.header("X-RateLimit-Limit") != null);
    }

    @Test
    void quietAddressWindowsAreForgottenButKeyUsageStays() throws Exception {
        clock.set(Instant.parse("2026-11-26T10:20:00Z"));
        first.client(TestServer.randomKey()).get("/v1/organizations");
        first.root().get("/v1/organizations");
        var later = new org.civicast.testing.MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
        var limiter = new org.civicast.platform.ratelimit.RateLimiter(first.civicast().database(), later);
        int purged = limiter.purgeQuietAddresses();
        org.junit.jupiter.api.Assertions.assertTrue(purged >= 1, "purged " + purged);
        try (var c = java.sql.DriverManager.getConnection(first.databaseUrl());
             var rs = c.createStatement().executeQuery(
                     "SELECT count(*) FILTER (WHERE subject LIKE 'ip:%'), count(*) FILTER (WHERE subject LIKE 'key:%') FROM rate_limit_windows")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
            org.junit.jupiter.api.Assertions.assertTrue(rs.getInt(2) > 0);
        }
    }

    /** The root key itself is limited too, so keys are made with a fresh window each. */
    private static String createKeyWithLimit(Integer limit) {
        Instant now = clock.instant();
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", "limited");
        body.put("scopes", java.util.List.of("read"));
        if (limit != null) body.put("rate_limit_per_hour", limit);
        // Each creation uses a new hour so the root key (limit 5) never runs out.
        clock.set(Instant.parse("2026-11-26T00:00:00Z").plus(Duration.ofHours(counter++)));
        ApiClient.Response r = first.root().post("/v1/api-keys", body);
        clock.set(now);
        assertEquals(201, r.status(), r.toString());
        return r.data().get("key").asText();
    }

    private static int counter = 0;
}
