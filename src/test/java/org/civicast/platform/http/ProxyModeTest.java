package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behind a TLS-terminating proxy: X-Forwarded-Proto counts only from the configured proxies. */
class ProxyModeTest {
    static TestServer trusting;
    static TestServer distrusting;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        trusting = TestServer.start(Map.of("CIVICAST_TLS", "proxy", "CIVICAST_TRUSTED_PROXIES", "127.0.0.1/32"),
                Clock.systemUTC());
        distrusting = TestServer.start(Map.of("CIVICAST_TLS", "proxy", "CIVICAST_TRUSTED_PROXIES", "10.9.8.7"),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        trusting.close();
        distrusting.close();
    }

    private static HttpResponse<String> get(TestServer server, String proto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/organizations"))
                .header("X-API-Key", server.rootKey());
        if (proto != null) request.header("X-Forwarded-Proto", proto);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void trustedProxyVouchingForHttpsIsServed() throws Exception {
        HttpResponse<String> r = get(trusting, "https");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"success\":true"));
    }

    @Test
    void trustedProxyForwardingPlainHttpIsRefused() throws Exception {
        HttpResponse<String> r = get(trusting, "http");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("HTTPS_REQUIRED"));
        assertEquals(400, get(trusting, null).statusCode());
    }

    @Test
    void headerFromAnUntrustedPeerIsIgnored() throws Exception {
        HttpResponse<String> r = get(distrusting, "https");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("HTTPS_REQUIRED"));
        assertTrue(!r.body().contains("Root organization"));
    }
}
