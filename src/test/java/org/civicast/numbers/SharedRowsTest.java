package org.civicast.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A number shared down the tree shows the receiver the number, never the sharer's registrations. */
class SharedRowsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode sharedRow(ApiClient key, String numberId) {
        for (JsonNode row : key.get("/v1/phone-numbers").data()) {
            if (row.get("id").asText().equals(numberId) && row.get("shared").asBoolean()) return row;
        }
        throw new AssertionError("no shared row of " + numberId);
    }

    @Test
    void aSharedRowHidesTheSharersCampaignAndVerification() {
        ApiClient root = server.root();
        String child = server.createOrganization(server.rootOrganizationId(), "Field office");
        ApiClient childKey = server.client(server.createKey(child, "read", "write"));
        String brand = TestServer.idOf(root.post("/v1/brands", Map.of("brand_name", "Party")));
        String campaign = TestServer.idOf(root.post("/v1/campaigns",
                Map.of("brand_id", brand, "name", "GOTV", "use_case", "POLITICAL")));
        String tfv = TestServer.idOf(root.post("/v1/toll-free-verifications",
                Map.of("name", "Hotline", "status", "Verified")));
        String local = TestServer.idOf(root.post("/v1/phone-numbers",
                Map.of("number", "+12025550188", "channel", "10dlc", "campaign_id", campaign)));
        String tollFree = TestServer.idOf(root.post("/v1/phone-numbers",
                Map.of("number", "+18885550123", "channel", "toll-free", "toll_free_verification_id", tfv)));
        for (String id : new String[] {local, tollFree}) {
            assertEquals(201, root.post("/v1/phone-numbers/" + id + "/shares", Map.of("organization_id", child)).status());
        }

        for (String id : new String[] {local, tollFree}) {
            JsonNode row = sharedRow(childKey, id);
            for (String hidden : new String[] {"campaign_id", "campaign_name", "brand_id", "brand_name",
                    "toll_free_verification_id", "tf_verification_status", "toll_free_registration_name",
                    "toll_free_business_name"}) {
                assertTrue(row.get(hidden).isNull(), hidden + " shown on a shared row: " + row);
            }
            assertEquals(child, row.get("org_id").asText());
        }
        assertEquals(404, childKey.get("/v1/toll-free-verifications/" + tfv).status(), "what it would have named");
        assertEquals(0, childKey.get("/v1/phone-numbers?campaign_id=" + campaign).data().size());
    }
}
