package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The envelope, error format and headers every endpoint shares. */
class ConventionsTest {
    static TestServer server;
    static ApiClient root;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void successHasEnvelopeRequestIdAndRateLimitHeaders() {
        ApiClient.Response r = root.get("/v1/organizations");
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().get("success").asBoolean());
        assertTrue(r.data().isArray());
        assertNotNull(r.header("X-Request-ID"));
        assertEquals("1000000", r.header("X-RateLimit-Limit"));
        assertNotNull(r.header("X-RateLimit-Remaining"));
        assertNotNull(r.header("X-RateLimit-Reset"));
    }

    @Test
    void clientRequestIdIsEchoedAsCorrelationId() {
        ApiClient.Response r = root.send("GET", "/v1/nope", null, Map.of("X-Request-ID", "abc-123"));
        assertEquals(404, r.status());
        assertEquals("abc-123", r.header("X-Request-ID"));
        assertEquals("abc-123", r.json().get("correlationId").asText());
    }

    @Test
    void missingKeyIs401InErrorFormatWithRateLimitHeaders() {
        ApiClient.Response r = server.client(null).get("/v1/organizations");
        assertEquals(401, r.status());
        JsonNode body = r.json();
        assertFalse(body.get("success").asBoolean());
        assertEquals("INVALID_API_KEY", body.get("code").asText());
        assertEquals(401, body.get("statusCode").asInt());
        assertNonEmptyText(body, "error");
        assertNonEmptyText(body, "correlationId");
        assertEquals(r.header("X-Request-ID"), body.get("correlationId").asText(),
                "the error repeats the response's request id");
        assertNotNull(r.header("X-RateLimit-Limit"));
    }

    @Test
    void wrongKeyIs401() {
        assertEquals("INVALID_API_KEY", server.client(TestServer.randomKey()).get("/v1/organizations").code());
        assertEquals("INVALID_API_KEY", server.client("not-a-key").get("/v1/organizations").code());
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        ApiClient.Response notFound = root.get("/v1/does-not-exist");
        assertEquals(404, notFound.status());
        assertEquals("NOT_FOUND", notFound.code());
        ApiClient.Response wrongMethod = root.send("PUT", "/v1/organizations", "{}", Map.of());
        assertEquals(405, wrongMethod.status(), wrongMethod.toString());
        assertEquals("METHOD_NOT_ALLOWED", wrongMethod.code());
    }

    @Test
    void malformedJsonUnknownPropertiesAndWrongTypesAre400WithDetails() {
        ApiClient.Response malformed = root.post("/v1/organizations", "{\"display_name\": ");
        assertEquals(400, malformed.status());
        assertEquals("VALIDATION_ERROR", malformed.code());
        assertEquals("body", malformed.json().get("details").get(0).get("field").asText());

        ApiClient.Response unknown = root.post("/v1/organizations", Map.of("display_name", "X", "colour", "red"));
        assertEquals(400, unknown.status());
        assertEquals("colour", unknown.json().get("details").get(0).get("field").asText());

        ApiClient.Response wrongType = root.post("/v1/organizations", Map.of("display_name", 12));
        assertEquals(400, wrongType.status());
        assertEquals("display_name", wrongType.json().get("details").get(0).get("field").asText());

        ApiClient.Response missing = root.post("/v1/organizations", Map.of());
        assertEquals("display_name", missing.json().get("details").get(0).get("field").asText());

        ApiClient.Response notObject = root.post("/v1/organizations", "[1,2]");
        assertEquals(400, notObject.status());
        assertEquals(1, root.get("/v1/organizations").data().size(), "nothing was created");
    }

    @Test
    void unknownQueryParameterIs400() {
        ApiClient.Response r = root.get("/v1/organizations?colour=red");
        assertEquals(400, r.status());
        assertEquals("colour", r.json().get("details").get(0).get("field").asText());
    }

    @Test
    void wrongContentTypeIs415() {
        ApiClient.Response r = root.send("POST", "/v1/organizations", "display_name=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(415, r.status());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", r.code());
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"display_name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        // With 100-continue the refusal arrives before the body is sent, as a careful client would do it;
        // without, the server's early answer may race the upload and reach the client as a reset.
        ApiClient.Response r = root.send("POST", "/v1/organizations", huge, Map.of("Expect", "100-continue"));
        assertEquals(413, r.status(), r.toString());
        assertEquals("PAYLOAD_TOO_LARGE", r.code());
    }

    @Test
    void healthAndReadiness() {
        assertEquals(200, server.client(null).get("/healthz").status());
        ApiClient.Response ready = server.client(null).get("/readyz");
        assertEquals(200, ready.status());
        assertEquals("ready", ready.json().get("status").asText());
    }

    private static void assertNonEmptyText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        assertNotNull(value, field + " is missing from " + body);
        assertTrue(value.isTextual(), field + " is not a string: " + body);
        assertFalse(value.asText().isBlank(), field + " is blank: " + body);
    }
}
