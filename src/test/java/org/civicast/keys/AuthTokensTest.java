package org.civicast.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Auth Tokens: issued with an admin key or at bootstrap, shown once, and the /v3 API's Basic credential. */
class AuthTokensTest {
    static final String BOOTSTRAP_TOKEN = "B".repeat(20) + "ootstrap0123456789ab";
    static TestServer server;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("CIVICAST_BOOTSTRAP_AUTH_TOKEN", BOOTSTRAP_TOKEN), Clock.systemUTC());
        anonymous = server.client(null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String basic(String account, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    private static ApiClient.Response v3(String path, String authorization) {
        return anonymous.send("GET", path, null, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    @Test
    void aTokenIsShownOnceAndSignsInAsItsAccount() {
        String account = server.createOrganization(server.rootOrganizationId(), "Advocacy shop");
        ApiClient.Response created = server.root().post("/v1/auth-tokens", Map.of("name", "CRM", "organization_id", account));
        assertEquals(201, created.status(), created.toString());
        String token = created.data().get("auth_token").asText();
        assertTrue(token.matches("[A-Za-z0-9]{40}"));
        assertEquals(account, created.data().get("account_id").asText());

        JsonNode listed = null;
        for (JsonNode t : server.root().get("/v1/auth-tokens").data()) {
            if (t.get("id").asText().equals(created.data().get("id").asText())) listed = t;
        }
        assertFalse(listed.has("auth_token"), "never listed");
        assertEquals(token.substring(0, 4), listed.get("prefix").asText());

        ApiClient.Response signedIn = v3("/v3/no-such-resource", basic(account, token));
        assertEquals(404, signedIn.status(), "past authentication: " + signedIn);
        assertTrue(signedIn.json().at("/response/errors/0").asText().contains("No route"));

        ApiClient.Response wrongAccount = v3("/v3/no-such-resource", basic(server.rootOrganizationId(), token));
        assertEquals(401, wrongAccount.status(), "a token signs in only as its own account");

        String id = created.data().get("id").asText();
        assertEquals(200, server.root().delete("/v1/auth-tokens/" + id).status());
        assertEquals(401, v3("/v3/no-such-resource", basic(account, token)).status(), "revoked at once");
    }

    @Test
    void anAccountSuspendedAboveItIsRefusedAtOnceAndServedAgainOnceReactivated() {
        String agency = server.createOrganization(server.rootOrganizationId(), "Agency");
        String account = server.createOrganization(agency, "Agency client");
        String token = server.root().post("/v1/auth-tokens", Map.of("name", "CRM", "organization_id", account))
                .data().get("auth_token").asText();
        assertEquals(404, v3("/v3/no-such-resource", basic(account, token)).status(), "signed in");

        assertEquals(200, server.root().patch("/v1/organizations/" + agency, Map.of("status", "suspended")).status());
        ApiClient.Response refused = v3("/v3/no-such-resource", basic(account, token));
        assertEquals(403, refused.status(), "its parent's suspension stops the token on the next request: " + refused);
        assertTrue(refused.json().at("/response/errors/0").asText().contains(agency), refused.toString());

        assertEquals(200, server.root().patch("/v1/organizations/" + agency, Map.of("status", "active")).status());
        assertEquals(404, v3("/v3/no-such-resource", basic(account, token)).status(), "active again");
    }

    @Test
    void unauthenticatedRequestsAreChallengedInTheRallyFormat() {
        ApiClient.Response missing = v3("/v3/campaigns", null);
        assertEquals(401, missing.status());
        assertTrue(missing.header("WWW-Authenticate").startsWith("Basic realm="));
        assertTrue(missing.json().at("/response/errors/0").asText().startsWith("Authentication required"));
        assertEquals(401, v3("/v3/campaigns", "Basic not-base64!").status());
        assertEquals(401, v3("/v3/campaigns", "Bearer x").status());
        ApiClient.Response apiKeyIsNotEnough = server.root().get("/v3/campaigns");
        assertEquals(401, apiKeyIsNotEnough.status(), "the texting API's key does not sign in to /v3");
    }

    @Test
    void theBootstrapTokenBelongsToTheRootAccount() {
        assertEquals(404, v3("/v3/no-such-resource", basic(server.rootOrganizationId(), BOOTSTRAP_TOKEN)).status());
    }

    @Test
    void theAdvocacyApiHasItsOwnDocument() {
        JsonNode doc = anonymous.get("/v3/openapi.json").json();
        assertEquals("basic", doc.at("/components/securitySchemes/AccountToken/scheme").asText());
        assertEquals("AccountToken", doc.at("/security/0").fieldNames().next());
    }

    @Test
    void onlyAnAdminKeyManagesTokens() {
        ApiClient writer = server.client(server.createKey(server.rootOrganizationId(), "read", "write"));
        assertEquals(403, writer.post("/v1/auth-tokens", Map.of("name", "x")).status());
        ApiClient.Response replay = server.root().send("POST", "/v1/auth-tokens", Map.of("name", "retry"),
                Map.of("Idempotency-Key", "token-once"));
        ApiClient.Response again = server.root().send("POST", "/v1/auth-tokens", Map.of("name", "retry"),
                Map.of("Idempotency-Key", "token-once"));
        assertEquals(replay.data().get("id").asText(), again.data().get("id").asText());
        assertNull(again.data().get("auth_token").textValue(), "a replay never shows the token again");
    }
}
