package org.civicast.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An organization's sending hours: its own, or its nearest ancestor's, through the API. */
class SendingHoursSettingTest {
    static TestServer server;
    static String root;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = server.rootOrganizationId();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sendingHoursAreAnOrganizationsOwnOrInheritedFromTheNearestAncestor() {
        String region = server.createOrganization(root, "Region With Hours");
        String county = server.createOrganization(region, "County");
        String precinct = server.createOrganization(county, "Precinct");
        OrganizationService organizations = server.civicast().service(OrganizationService.class);
        assertEquals(Optional.empty(), organizations.quietHours(precinct), "none set: the server's default");

        ApiClient.Response set = server.root().patch("/v1/organizations/" + region, Map.of("quiet_hours", "09:00-20:00"));
        assertEquals(200, set.status(), set.toString());
        assertEquals("09:00-20:00", set.data().get("quiet_hours").asText());
        assertEquals(Optional.of("09:00-20:00"), organizations.quietHours(precinct));
        assertTrue(server.root().get("/v1/organizations/" + precinct).data().path("quiet_hours").isMissingNode(),
                "shown only where it is set");

        server.root().patch("/v1/organizations/" + county, Map.of("quiet_hours", "none"));
        assertEquals(Optional.of("none"), organizations.quietHours(precinct), "the nearest ancestor's");
        assertEquals(Optional.of("09:00-20:00"), organizations.quietHours(region));

        ApiClient.Response cleared = server.root().patch("/v1/organizations/" + county,
                Collections.singletonMap("quiet_hours", null));
        assertEquals(200, cleared.status(), cleared.toString());
        assertEquals(Optional.of("09:00-20:00"), organizations.quietHours(precinct), "inherited again");

        ApiClient.Response bad = server.root().post("/v1/organizations", Map.of("display_name", "Late",
                "parent_id", region, "quiet_hours", "21:00-21:00"));
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("VALIDATION_ERROR", bad.code());
    }
}
