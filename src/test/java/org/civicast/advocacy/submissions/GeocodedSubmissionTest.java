package org.civicast.advocacy.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a geocoder, a street address in a ZIP that spans districts is placed, and the supporter is not asked. */
class GeocodedSubmissionTest {
    static final String TOKEN = "G".repeat(24) + "geocoded0123456789ab";
    static HttpServer census;
    static final AtomicInteger lookups = new AtomicInteger();
    static TestServer server;
    static String basic;

    @BeforeAll
    static void start() throws Exception {
        byte[] answer;
        try (InputStream in = GeocodedSubmissionTest.class.getResourceAsStream("/congress/geocoding/montgomery-al.json")) {
            answer = in.readAllBytes();
        }
        census = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        census.createContext("/geocoder/geographies/address", exchange -> {
            lookups.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        census.start();
        server = TestServer.start(Map.of("CIVICAST_BOOTSTRAP_AUTH_TOKEN", TOKEN, "CIVICAST_CONGRESS_LOAD_ON_START", "true",
                "CIVICAST_GEOCODER", "census",
                "CIVICAST_GEOCODER_URL", "http://127.0.0.1:" + census.getAddress().getPort()), Clock.systemUTC());
        basic = "Basic " + Base64.getEncoder().encodeToString(
                (server.rootOrganizationId() + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (census != null) census.stop(0);
    }

    @Test
    void aSplitZipIsPlacedByTheStreetAddress() {
        String id = TestServer.idOf(server.root().post("/v1/advocacy/campaigns", Map.of("name", "Placed",
                "topic", "Health", "actions", List.of(Map.of("type", "letter", "message", "Dear member", "targets", "house")))));
        Map<String, String> form = Map.of("prefix", "Ms.", "firstname", "Ann", "lastname", "Lee",
                "street", "400 S Union St", "city", "Mobile", "state", "AL", "zipcode", "36602",
                "email", "ann@example.org", "subject", "Health", "message", "Please act.");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        ApiClient.Response r = server.client(null).send("POST", "/v3/campaigns/" + id + "/letter", body,
                Map.of("Authorization", basic, "Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(201, r.status(), "placed in AL-2 without asking: " + r);
        assertEquals("HAL02", r.json().at("/deliveries/0/target/officeCode").asText());
        assertTrue(lookups.get() >= 1, "the geocoder was asked");
    }
}
