package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prometheus metrics by route and by pool. */
class ObservabilityTest {
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
    void metricsCountRequestsByRouteAndShowThePool() {
        server.root().get("/v1/organizations");
        server.root().get("/v1/organizations/org_nope");
        ApiClient.Response metrics = server.client(null).get("/metrics");
        assertEquals(200, metrics.status());
        String text = new String(metrics.raw(), StandardCharsets.UTF_8);
        assertTrue(text.contains("civicast_http_requests_seconds_count{method=\"GET\",route=\"/v1/organizations\",status=\"200\"}"), text);
        assertTrue(text.contains("route=\"/v1/organizations/{id}\",status=\"403\""), "routes are templates, not raw paths");
        assertTrue(text.contains("civicast_http_requests_seconds_bucket"), "latency histogram");
        assertTrue(text.contains("hikaricp_connections_active"), "pool usage");
    }
}
