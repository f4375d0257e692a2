package org.civicast.advocacy.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Campaigns authored with an API key, read through the Rally-compatible API with their targets. */
class AdvocacyCampaignsTest {
    static final String TOKEN = "T".repeat(24) + "campaigns0123456789";
    static TestServer server;
    static String basic;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("CIVICAST_BOOTSTRAP_AUTH_TOKEN", TOKEN, "CIVICAST_CONGRESS_LOAD_ON_START", "true"), Clock.systemUTC());
        basic = "Basic " + Base64.getEncoder().encodeToString(
                (server.rootOrganizationId() + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Response v3(String path) {
        return server.client(null).send("GET", path, null, Map.of("Authorization", basic));
    }

    private static String smallestCampaign(String name) {
        ApiClient.Response created = server.root().post("/v1/advocacy/campaigns", Map.of("name", name,
                "actions", List.of(Map.of("type", "letter", "subject", "Fund the parks", "message", "Dear member, …",
                        "targets", "congress"))));
        assertEquals(201, created.status(), created.toString());
        return created.data().get("id").asText();
    }

    @Test
    void theSmallestCallMakesALetterToTheSupportersMembers() {
        String id = smallestCampaign("Parks");
        JsonNode action = v3("/v3/campaigns/" + id + "/letter?zipcode=36104").json();
        assertEquals("letter", action.get("type").asText());
        assertEquals("Fund the parks", action.at("/letters/0/subject").asText());
        assertEquals("AL", action.get("state").asText());
        List<String> chambers = new ArrayList<>();
        action.get("targets").forEach(t -> chambers.add(t.get("chamber").asText()));
        assertEquals(List.of("house", "senate", "senate"), chambers, "AL-2's member and both senators");
        assertEquals("HAL02", action.at("/targets/0/officeCode").asText());
        assertTrue(action.get("form").get("fields").size() >= 10, "the letter's usual form");
        assertEquals("prefix", action.at("/form/fields/0/name").asText());
        assertTrue(action.at("/form/fields/0/isRequired").asBoolean());
    }

    @Test
    void aZipThatSpansDistrictsListsEveryCandidate() {
        String id = smallestCampaign("Ports");
        JsonNode action = v3("/v3/campaigns/" + id + "/letter?zipcode=36602").json();
        List<String> codes = new ArrayList<>();
        action.get("targets").forEach(t -> codes.add(t.get("officeCode").asText()));
        assertTrue(codes.contains("HAL01") && codes.contains("HAL02"), "both candidate districts: " + codes);
        assertEquals(2, action.get("districts").size());
        JsonNode noZip = v3("/v3/campaigns/" + id + "/letter").json();
        assertEquals(0, noZip.get("targets").size(), "without an address no member can be named");
        assertEquals(400, v3("/v3/campaigns/" + id + "/letter?zipcode=3660").status());
    }

    @Test
    void listsPageAndAnswerConditionally() {
        for (int i = 0; i < 3; i++) smallestCampaign("Paged " + i);
        JsonNode first = v3("/v3/campaigns?pagesize=2").json();
        assertEquals(0, first.get("page").asInt());
        assertEquals(2, first.get("campaigns").size());
        assertTrue(first.get("totalResults").asInt() >= 3);
        assertTrue(first.get("previouspageuri").isNull());
        JsonNode second = v3(first.get("nextpageuri").asText()).json();
        assertEquals(1, second.get("page").asInt());
        assertEquals(first.get("uri").asText(), second.get("previouspageuri").asText());

        ApiClient.Response one = v3("/v3/campaigns/" + first.at("/campaigns/0/id").asText());
        assertNotNull(one.header("Last-Modified"));
        ApiClient.Response again = server.client(null).send("GET", "/v3/campaigns/" + first.at("/campaigns/0/id").asText(),
                null, Map.of("Authorization", basic, "If-None-Match", one.header("ETag")));
        assertEquals(304, again.status());
    }

    @Test
    void badActionsAndUnknownIdsAreRefused() {
        String id = smallestCampaign("Refusals");
        assertEquals(404, v3("/v3/campaigns/" + id + "/petition").status(), "an action the campaign lacks");
        assertEquals(404, v3("/v3/campaigns/" + id + "/fax").status(), "no such action type");
        assertEquals(404, v3("/v3/campaigns/adv_nope").status());
        assertEquals(405, server.client(null).send("DELETE", "/v3/campaigns/" + id, null, Map.of("Authorization", basic)).status());

        ApiClient.Response twice = server.root().post("/v1/advocacy/campaigns", Map.of("name", "Twice", "actions", List.of(
                Map.of("type", "letter", "message", "a"), Map.of("type", "letter", "message", "b"))));
        assertEquals(400, twice.status());
        assertEquals("actions[1].type", twice.json().at("/details/0/field").asText());
        ApiClient.Response unknownMember = server.root().post("/v1/advocacy/campaigns", Map.of("name", "Who",
                "actions", List.of(Map.of("type", "phone", "targets", "members", "members", List.of("Z999999")))));
        assertEquals(400, unknownMember.status());
        ApiClient.Response nested = server.root().post("/v1/advocacy/campaigns", Map.of("name", "Nested",
                "actions", List.of(Map.of("type", "letter", "message", "m", "letters", List.of(Map.of("subject", "s"))))));
        assertEquals("actions[0].letters[0].message", nested.json().at("/details/0/field").asText());
    }

    @Test
    void phoneActionsGiveNumbersAndAScript() {
        ApiClient.Response created = server.root().post("/v1/advocacy/campaigns", Map.of("name", "Call in",
                "actions", List.of(Map.of("type", "phone", "call_script", "Hi, I'm a constituent…"))));
        String id = created.data().get("id").asText();
        JsonNode action = v3("/v3/campaigns/" + id + "/phone?zipcode=36104").json();
        assertEquals("Hi, I'm a constituent…", action.get("callScript").asText());
        JsonNode phones = action.at("/targets/0/phones");
        assertTrue(phones.size() >= 1, "at least the Washington office: " + action);
        assertEquals("Washington, DC", phones.get(0).get("office").asText());
    }
}
