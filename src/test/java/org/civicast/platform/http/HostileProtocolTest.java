package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.civicast.testing.ApiClient;
import org.civicast.testing.RawHttps;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Requests no well-behaved client sends, on the raw socket: each gets the documented JSON error
 * with its X-Request-ID and rate-limit headers, a code that says what happened, and no stack
 * trace in the log.
 */
class HostileProtocolTest {
    static TestServer server;
    static ListAppender<ILoggingEvent> log;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        server.close();
    }

    private static String request(String method, String target, String... headerLines) {
        StringBuilder r = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        r.append("X-API-Key: ").append(server.rootKey()).append("\r\n");
        for (String line : headerLines) r.append(line).append("\r\n");
        return r.toString();
    }

    /** The documented error body, with the headers every answer carries. */
    private static JsonNode assertError(RawHttps.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.toString());
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
        assertEquals(false, body.get("success").asBoolean(), answer.toString());
        assertEquals(code, body.get("code").asText(), answer.toString());
        assertEquals(status, body.get("statusCode").asInt());
        String requestId = answer.header("X-Request-ID");
        assertNotNull(requestId, "X-Request-ID on " + answer);
        assertEquals(requestId, body.get("correlationId").asText());
        assertNotNull(answer.header("X-RateLimit-Limit"), "rate-limit headers on " + answer);
        assertNotNull(answer.header("X-RateLimit-Remaining"));
        assertNotNull(answer.header("X-RateLimit-Reset"));
        assertTransportHeaders(answer.headers()::get);
        return body;
    }

    private static void assertTransportHeaders(java.util.function.Function<String, String> header) {
        assertEquals("max-age=31536000", header.apply("strict-transport-security"));
        assertEquals("nosniff", header.apply("x-content-type-options"));
        assertEquals("no-store", header.apply("cache-control"));
    }

    private static void assertNoErrorLogged() {
        List<ILoggingEvent> errors = log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertTrue(errors.isEmpty(), "logged at ERROR: " + errors);
    }

    @Test
    void aBrokenChunkIsTheClientsFault() {
        RawHttps.Answer answer = RawHttps.send(server.port(), request("POST", "/v1/organizations",
                "Content-Type: application/json", "Transfer-Encoding: chunked") + "\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertError(answer, 400, "VALIDATION_ERROR");
        assertNoErrorLogged();
    }

    @Test
    void aBodyCutShortIsTheClientsFault() throws Exception {
        try (SSLSocket socket = RawHttps.tlsSocket(server.port(), null)) {
            socket.getOutputStream().write((request("POST", "/v1/organizations", "Content-Type: application/json",
                    "Content-Length: 100") + "\r\n{\"display_name\":").getBytes());
            socket.getOutputStream().flush();
        }
        Thread.sleep(500);
        assertEquals(1, server.root().get("/v1/organizations").data().size(), "nothing was created");
        assertNoErrorLogged();
    }

    @Test
    void malformedPathsAnswerInTheEnvelopeWhateverTheMethod() {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            RawHttps.Answer answer = RawHttps.send(server.port(),
                    request(method, "/v1/brands/%ff%fe", "Content-Type: application/json", "Content-Length: 2") + "\r\n{}");
            assertError(answer, 400, "VALIDATION_ERROR");
        }
        assertError(RawHttps.send(server.port(), request("GET", "/v1/brands/%00") + "\r\n"), 400, "VALIDATION_ERROR");
    }

    @Test
    void oversizedPartsSayWhatWasTooLarge() {
        assertError(RawHttps.send(server.port(), request("PATCH", "/v1/brands/brand_x",
                "Idempotency-Key: " + "k".repeat(10_000), "Content-Length: 0") + "\r\n"), 431, "HEADERS_TOO_LARGE");
        assertError(RawHttps.send(server.port(), request("GET", "/v1/brands/" + "a".repeat(20_000)) + "\r\n"),
                414, "URI_TOO_LONG");
        assertError(RawHttps.send(server.port(), request("POST", "/v1/brands", "Content-Type: application/json",
                "Content-Length: 99999999") + "\r\n"), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void otherProtocolsAreNamedAsSuch() {
        assertError(RawHttps.send(server.port(), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), 426, "HTTP_VERSION_NOT_SUPPORTED");
        assertError(RawHttps.send(server.port(), "GET /v1/brands HTTP/9.9\r\nHost: localhost\r\n\r\n"),
                505, "HTTP_VERSION_NOT_SUPPORTED");
    }

    @Test
    void aWrongMethodIsToldWhichAreAllowed() {
        RawHttps.Answer answer = RawHttps.send(server.port(), request("PUT", "/v1/brands", "Content-Length: 0") + "\r\n");
        assertError(answer, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, POST", answer.header("Allow"));
        RawHttps.Answer one = RawHttps.send(server.port(), request("POST", "/v1/brands/brand_x", "Content-Length: 0") + "\r\n");
        assertEquals("DELETE, PATCH", one.header("Allow"));
    }

    @Test
    void everyAnswerForbidsCachingAndSniffing() {
        ApiClient.Response created = server.root().post("/v1/api-keys", Map.of("name", "shown once"));
        assertEquals(201, created.status());
        assertTransportHeaders(created::header);
        assertTransportHeaders(server.root().get("/v1/organizations")::header);
        assertTransportHeaders(server.client(null).get("/healthz")::header);
    }

    @Test
    void overlongUtf8IsRefused() {
        byte[] head = (request("POST", "/v1/brands", "Content-Type: application/json", "Content-Length: 21") + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] body = {'{', '"', 'b', 'r', 'a', 'n', 'd', '_', 'n', 'a', 'm', 'e', '"', ':', '"', 'x',
                (byte) 0xC0, (byte) 0xAE, 'y', '"', '}'};
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        JsonNode error = assertError(RawHttps.send(server.port(), all, true), 400, "VALIDATION_ERROR");
        assertEquals("body", error.get("details").get(0).get("field").asText());
        assertEquals(0, server.root().get("/v1/brands").data().size(), "nothing was stored");
    }

    @Test
    void tls12OffersAuthenticatedEncryptionOnly() throws Exception {
        try (SSLSocket gcm = RawHttps.tlsSocket(server.port(), new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})) {
            assertTrue(gcm.getSession().getCipherSuite().contains("_GCM_"));
        }
        String[] cbc = {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"};
        assertThrows(java.io.IOException.class, () -> RawHttps.tlsSocket(server.port(), cbc).close());
    }

    @Test
    void plainHttpRedirectsOnlyToAnAddressTheServerVouchesFor() {
        String page = "GET /v1/brands HTTP/1.1\r\nHost: %s\r\nAccept: text/html\r\n\r\n";
        RawHttps.Answer evil = RawHttps.send(server.port(), page.formatted("evil.example").getBytes(), false);
        assertEquals(400, evil.status(), evil.toString());
        assertEquals(null, evil.header("Location"));
        assertNotNull(evil.header("X-RateLimit-Remaining"), "refused before any key is read, still counted");
        RawHttps.Answer local = RawHttps.send(server.port(), page.formatted("localhost:" + server.port()).getBytes(), false);
        assertEquals(308, local.status(), local.toString());
        assertEquals("https://localhost:" + server.port() + "/v1/brands", local.header("Location"));
    }
}
