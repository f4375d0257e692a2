package org.civicast.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Metrics open by default, behind a bearer token when one is set, or on a listener of their own. */
class MetricsAccessTest {
    static final String TOKEN = "scrape-token-0123456789";

    @Test
    void aTokenGuardsTheMetricsOnTheHttpsPort() {
        try (TestServer server = TestServer.start(Map.of("CIVICAST_METRICS_TOKEN", TOKEN), Clock.systemUTC())) {
            ApiClient anyone = server.client(null);
            ApiClient.Response refused = anyone.get("/metrics");
            assertEquals(401, refused.status());
            assertEquals("METRICS_TOKEN_REQUIRED", refused.code());
            assertEquals("Bearer", refused.header("WWW-Authenticate"));
            assertEquals(401, anyone.send("GET", "/metrics", null, Map.of("Authorization", "Bearer wrong-token-0000000")).status());
            ApiClient.Response allowed = anyone.send("GET", "/metrics", null, Map.of("Authorization", "Bearer " + TOKEN));
            assertEquals(200, allowed.status());
            assertTrue(new String(allowed.raw()).contains("jvm_memory"));
        }
    }

    @Test
    void aSeparateListenerTakesTheMetricsOffThePublicPort() throws Exception {
        try (TestServer server = TestServer.start(Map.of("CIVICAST_METRICS_ADDRESS", "127.0.0.1:0"), Clock.systemUTC())) {
            assertEquals(404, server.client(null).get("/metrics").status(), "not on the HTTPS port");
            int port = server.civicast().metricsPort().orElseThrow();
            HttpResponse<String> scraped = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.body().contains("jvm_memory"));
        }
    }

    @Test
    void theTokenIsComparedWhole() {
        MetricsAccess access = new MetricsAccess(TOKEN.getBytes());
        assertTrue(access.allows("bearer " + TOKEN));
        assertEquals(false, access.allows("Bearer " + TOKEN.substring(1)));
        assertEquals(false, access.allows("Bearer " + TOKEN + "x"));
        assertEquals(false, access.allows(TOKEN));
        assertEquals(false, access.allows(null));
        assertTrue(new MetricsAccess(null).allows(null));
    }
}
