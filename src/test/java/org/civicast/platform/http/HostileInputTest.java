package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No input makes the server answer 500 or hang: each odd request gets a 4xx in the error format. */
class HostileInputTest {
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

    private static void assertRefused(ApiClient.Response r, String what) {
        assertTrue(r.status() >= 400 && r.status() < 500, what + " answered " + r);
        assertTrue(r.json() != null && r.json().has("code"), what + " not in the error format: " + r);
    }

    @Test
    void oddPathsQueriesAndBodies() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        List<Object[]> cases = List.of(
                new Object[] {"GET", "/v1/organizations/%00", null},
                new Object[] {"GET", "/v1/brands/" + "x".repeat(5000), null},
                new Object[] {"GET", "/v1/toll-free-verifications/%E2%80%AE%F0%9F%92%A5", null},
                new Object[] {"GET", "/v1/brands?organization_id=%00", null},
                new Object[] {"GET", "/v1/phone-numbers?channel=%00", null},
                new Object[] {"GET", "/v1/organizations?organization_id=a&organization_id=b", null},
                new Object[] {"POST", "/v1/organizations", "{\"display_name\":\"a\\u0000b\"}"},
                new Object[] {"POST", "/v1/organizations", "{\"display_name\":\"x\",\"display_name\":\"y\"}"},
                new Object[] {"POST", "/v1/organizations", deep},
                new Object[] {"POST", "/v1/brands", "{\"brand_name\":\"b\",\"vetting_score\":1e400}"},
                new Object[] {"POST", "/v1/brands", "{\"brand_name\":\"b\",\"vetting_score\":99999999999999999999999}"},
                new Object[] {"POST", "/v1/phone-numbers", "{\"number\":\"\\ud800\",\"channel\":\"10dlc\"}"},
                new Object[] {"POST", "/v1/organizations", "\u00ff\u00fe garbage"},
                new Object[] {"PATCH", "/v1/organizations/%00", "{\"display_name\":\"x\"}"},
                new Object[] {"DELETE", "/v1/api-keys/%00", null},
                new Object[] {"POST", "/v1/phone-numbers/%00/shares", "{\"organization_id\":\"org_x\"}"},
                new Object[] {"POST", "/v1/campaigns", "{\"brand_id\":\"\\u0000\",\"name\":\"n\",\"use_case\":\"MIXED\"}"});
        for (Object[] c : cases) {
            String what = c[0] + " " + c[1] + " " + (c[2] == null ? "" : c[2].toString().substring(0, Math.min(60, c[2].toString().length())));
            assertRefused(root.send((String) c[0], (String) c[1], c[2], Map.of()), what);
        }
        assertTrue(root.get("/v1/organizations").data().size() == 1, "nothing was created");
    }

    @Test
    void oddHeaders() {
        assertRefused(server.client("pc_live_" + "\u00e9".repeat(40)).get("/v1/organizations"), "non-ASCII key");
        assertRefused(root.send("POST", "/v1/organizations", "{\"display_name\":\"x\"}",
                Map.of("Idempotency-Key", "k".repeat(300))), "long idempotency key");
        assertRefused(root.send("POST", "/v1/organizations", "{}", Map.of("Content-Type", "text/plain")), "text body");
    }
}
