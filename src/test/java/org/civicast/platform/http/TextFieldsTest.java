package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text fields hold text: a name shows something, and no field holds control characters but tab and newline. */
class TextFieldsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertRefused(String displayName, String why) {
        ApiClient.Response r = server.root().post("/v1/organizations", Map.of("display_name", displayName));
        assertEquals(400, r.status(), why + ": " + r);
        assertEquals("display_name", r.json().get("details").get(0).get("field").asText());
    }

    @Test
    void blankAndControlCharacterNamesAreRefused() {
        int before = server.root().get("/v1/organizations").data().size();
        assertRefused("   ", "spaces only");
        assertRefused("\t\n", "tab and newline only");
        assertRefused("\u200B\u00A0\u3000", "invisible and wide spaces only");
        assertRefused("County\u0007Party", "a bell");
        assertRefused("County\rParty", "a carriage return");
        assertRefused("\u001b[31mRed", "an escape sequence");
        assertEquals(before, server.root().get("/v1/organizations").data().size(), "nothing was created");
    }

    @Test
    void ordinaryTextStillPasses() {
        ApiClient.Response ok = server.root().post("/v1/organizations", Map.of("display_name", " Comité\tde Campaña 🗳 "));
        assertEquals(201, ok.status(), ok.toString());
        ApiClient.Response brand = server.root().post("/v1/brands",
                Map.of("brand_name", "Line one", "notes", "first line\nsecond line"));
        assertEquals(201, brand.status(), brand.toString());
    }
}
