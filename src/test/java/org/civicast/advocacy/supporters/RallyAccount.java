package org.civicast.advocacy.supporters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;

/** An advocacy account as a Rally Congress client uses it: HTTP Basic with its id and Auth Token, form POSTs. */
final class RallyAccount {
    final String id;
    private final String authorization;
    private final ApiClient client;

    RallyAccount(TestServer server, String accountId, String token) {
        this.id = accountId;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountId + ":" + token).getBytes(StandardCharsets.UTF_8));
        this.client = server.client(null);
    }

    /** A new organization under {@code parentId}, with an Auth Token issued by the root API key. */
    static RallyAccount create(TestServer server, String parentId, String name) {
        String org = server.createOrganization(parentId, name);
        ApiClient.Response token = server.root().post("/v1/auth-tokens", Map.of("name", name, "organization_id", org));
        if (token.status() != 201) throw new IllegalStateException("issuing a token failed: " + token);
        return new RallyAccount(server, org, token.data().get("auth_token").asText());
    }

    ApiClient.Response get(String path) {
        return get(path, Map.of());
    }

    ApiClient.Response get(String path, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", authorization);
        return client.send("GET", path, null, all);
    }

    /** A POST of a form body, as {@code http_build_query} writes one. */
    ApiClient.Response post(String path, String form) {
        return client.send("POST", path, form, Map.of("Authorization", authorization,
                "Content-Type", "application/x-www-form-urlencoded"));
    }
}
