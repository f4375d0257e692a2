package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.civicast.testing.ApiClient;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: one effect per key, the first answer replayed, conflicts refused. */
class IdempotencyTest {
    static MutableClock clock = MutableClock.systemNow();
    static TestServer server;
    static ApiClient root;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), clock);
        root = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Response create(String key, String name) {
        return root.send("POST", "/v1/organizations", Map.of("display_name", name), Map.of("Idempotency-Key", key));
    }

    private static long count(String name) {
        int n = 0;
        for (var org : root.get("/v1/organizations").data()) {
            if (org.get("display_name").asText().equals(name)) n++;
        }
        return n;
    }

    @Test
    void repeatReplaysFirstResponseWithoutSecondEffect() {
        ApiClient.Response first = create("k-repeat", "Repeat Org");
        ApiClient.Response second = create("k-repeat", "Repeat Org");
        assertEquals(201, first.status());
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(201, second.status());
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertArrayEquals(first.raw(), second.raw());
        assertEquals(1, count("Repeat Org"));
    }

    @Test
    void sameKeyDifferentBodyIsConflictAndChangesNothing() {
        create("k-conflict", "Conflict A");
        ApiClient.Response other = create("k-conflict", "Conflict B");
        assertEquals(409, other.status());
        assertEquals("CONFLICT", other.code());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.json().get("details").get("reason").asText());
        assertEquals(0, count("Conflict B"));
    }

    @Test
    void keysAreScopedToTheApiKey() {
        String otherKey = server.createKey(server.rootOrganizationId(), "read", "write", "admin");
        create("k-shared", "Scoped Org");
        ApiClient.Response fromOther = server.client(otherKey).send("POST", "/v1/organizations",
                Map.of("display_name", "Scoped Org"), Map.of("Idempotency-Key", "k-shared"));
        assertEquals(201, fromOther.status());
        assertNull(fromOther.header("Idempotent-Replayed"));
        assertEquals(2, count("Scoped Org"));
    }

    @Test
    void concurrentIdenticalRequestsHaveOneEffect() throws Exception {
        int parallel = 8;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> results = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return create("k-concurrent", "Concurrent Org");
            }));
        }
        go.countDown();
        List<ApiClient.Response> responses = new ArrayList<>();
        for (var f : results) responses.add(f.get());
        pool.shutdown();
        for (ApiClient.Response r : responses) {
            assertEquals(201, r.status(), r.toString());
            assertArrayEquals(responses.getFirst().raw(), r.raw());
        }
        assertEquals(parallel - 1, responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count());
        assertEquals(1, count("Concurrent Org"));
    }

    @Test
    void concurrentIdenticalRequestsToTwoInstancesHaveOneEffect() throws Exception {
        try (TestServer second = TestServer.startOn(server.databaseUrl(),
                Map.of("CIVICAST_BOOTSTRAP_API_KEY", server.rootKey()), clock)) {
            ApiClient other = second.root();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Response>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ApiClient client = i % 2 == 0 ? root : other;
                results.add(pool.submit(() -> {
                    go.await();
                    return client.send("POST", "/v1/organizations", Map.of("display_name", "Two Instances Org"),
                            Map.of("Idempotency-Key", "k-two-instances"));
                }));
            }
            go.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (var f : results) responses.add(f.get());
            pool.shutdown();
            for (ApiClient.Response r : responses) {
                assertEquals(201, r.status(), r.toString());
                assertArrayEquals(responses.getFirst().raw(), r.raw());
            }
            assertEquals(1, count("Two Instances Org"));
        }
    }

    @Test
    void refusedRequestIsNotRememberedSoACorrectedRetryRuns() {
        ApiClient.Response bad = root.send("POST", "/v1/organizations", Map.of("display_name", ""),
                Map.of("Idempotency-Key", "k-refused"));
        assertEquals(400, bad.status());
        ApiClient.Response good = create("k-refused", "Corrected Org");
        assertEquals(201, good.status());
        assertNull(good.header("Idempotent-Replayed"));
    }

    @Test
    void keysExpireAfterTheRetentionPeriod() {
        create("k-expiry", "Expiry Org");
        clock.advance(Duration.ofHours(25));
        try {
            ApiClient.Response again = create("k-expiry", "Expiry Org");
            assertEquals(201, again.status());
            assertNull(again.header("Idempotent-Replayed"));
            assertEquals(2, count("Expiry Org"));
        } finally {
            clock.advance(Duration.ofHours(-25));
        }
    }

    @Test
    void createdKeySecretIsNotReplayed() {
        ApiClient.Response first = root.send("POST", "/v1/api-keys", Map.of("name", "once"),
                Map.of("Idempotency-Key", "k-secret"));
        ApiClient.Response replay = root.send("POST", "/v1/api-keys", Map.of("name", "once"),
                Map.of("Idempotency-Key", "k-secret"));
        assertTrue(first.data().get("key").asText().startsWith("pc_live_"));
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertTrue(replay.data().get("key").isNull());
        assertEquals(first.data().get("id"), replay.data().get("id"));
    }
}
