package org.civicast.advocacy.supporters;

import static org.civicast.advocacy.supporters.HttpBuildQuery.array;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.MutableClock;
import org.civicast.testing.OpenApiAnswers;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Supporters over /v3 as a Rally Congress client writes them: form bodies with nested addresses
 * and phones as http_build_query encodes them, lookups by id, email and customId, updates that
 * keep what is not sent, one email and one customId per account, and accounts kept apart.
 */
class SupportersTest {
    static final String ROOT_TOKEN = "R".repeat(20) + "ootToken0123456789ab";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-10T15:00:00Z"));
    static TestServer server;
    static RallyAccount root;
    static RallyAccount account;
    static RallyAccount sibling;
    static OpenApiAnswers document;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("CIVICAST_BOOTSTRAP_AUTH_TOKEN", ROOT_TOKEN), CLOCK);
        root = new RallyAccount(server, server.rootOrganizationId(), ROOT_TOKEN);
        account = RallyAccount.create(server, root.id, "Account A");
        sibling = RallyAccount.create(server, root.id, "Account B");
        document = OpenApiAnswers.of(server.client(null).get("/v3/openapi.json").json());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Response create(RallyAccount who, Map<String, Object> supporter) {
        CLOCK.advance(Duration.ofSeconds(1));
        return who.post("/v3/supporters", HttpBuildQuery.of(supporter));
    }

    private static String created(RallyAccount who, Map<String, Object> supporter) {
        ApiClient.Response r = create(who, supporter);
        assertEquals(201, r.status(), r.toString());
        return r.json().get("id").asText();
    }

    private static String firstError(ApiClient.Response r) {
        return r.json().at("/response/errors/0").asText();
    }

    private static void assertRefused(ApiClient.Response r, String field) {
        assertEquals(400, r.status(), r.toString());
        assertTrue(firstError(r).startsWith(field + " "), "names " + field + ": " + r);
    }

    private static List<String> ids(ApiClient.Response list) {
        List<String> ids = new ArrayList<>();
        list.json().get("supporters").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void aSupporterIsCreatedFromNestedArraysAndReadBackInRallysShape() {
        String form = HttpBuildQuery.of(array("prefix", "Dr.", "firstName", "Ada", "middleName", "King",
                "lastName", "Lovelace", "suffix", "II", "email", "Ada+News@Example.org", "emailOptin", "yes",
                "customId", "crm:0001",
                "addresses", List.of(
                        array("addressType", "home", "street1", "1 Main St", "street2", "Apt 2", "city", "Albany",
                                "state", "ny", "zipcode", "12207", "zipplus", "1234"),
                        array("addressType", "work", "street1", "2 Office Rd", "city", "Troy", "state", "NY",
                                "zipcode", "12180")),
                "phones", List.of(array("telephone", "(518) 555-0100", "addressIndex", 0),
                        array("telephone", "+1 518 555 0101"))));
        assertTrue(form.contains("addresses%5B1%5D%5Bstreet1%5D=2+Office+Rd"), form);
        CLOCK.advance(Duration.ofSeconds(1));
        ApiClient.Response made = account.post("/v3/supporters", form);
        assertEquals(201, made.status(), made.toString());
        JsonNode s = made.json();
        List<String> names = new ArrayList<>();
        s.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "firstName", "lastName", "middleName", "suffix", "prefix", "email", "emailOptin",
                "emailStatus", "customId", "addresses", "phones", "congressDistrict", "joinDate", "createdAt",
                "updatedAt"), names);
        assertTrue(s.get("id").asText().startsWith("sup_"));
        assertEquals("Ada", s.get("firstName").asText());
        assertEquals("King", s.get("middleName").asText());
        assertEquals("Dr.", s.get("prefix").asText());
        assertEquals("II", s.get("suffix").asText());
        assertEquals("Ada+News@Example.org", s.get("email").asText(), "kept as given");
        assertEquals("yes", s.get("emailOptin").asText());
        assertEquals("unknown", s.get("emailStatus").asText(), "the default");
        assertEquals("crm:0001", s.get("customId").asText());
        assertEquals(2, s.get("addresses").size());
        JsonNode home = s.get("addresses").get(0);
        assertEquals("home", home.get("addressType").asText());
        assertEquals("Apt 2", home.get("street2").asText());
        assertTrue(home.get("street3").isNull());
        assertEquals("NY", home.get("state").asText(), "USPS codes in capitals");
        assertEquals("12207", home.get("zipcode").asText());
        assertEquals("1234", home.get("zipplus").asText());
        assertEquals("Troy", s.at("/addresses/1/city").asText());
        assertEquals("(518) 555-0100", s.at("/phones/0/telephone").asText());
        assertEquals(0, s.at("/phones/0/addressIndex").asInt());
        assertTrue(s.at("/phones/1/addressIndex").isNull());
        assertTrue(s.get("congressDistrict").isNull(), "this server has no ZIP lookup");
        assertEquals("2025-03-10", s.get("joinDate").asText(), "today, UTC");
        assertEquals(s.get("createdAt").asText(), s.get("updatedAt").asText());
        assertEquals(List.of(), document.problems("POST", "/v3/supporters", made));

        String id = s.get("id").asText();
        ApiClient.Response byId = account.get("/v3/supporters/" + id);
        assertEquals(200, byId.status());
        assertEquals(s, byId.json());
        assertNotNull(byId.header("Last-Modified"));
        assertEquals(List.of(), document.problems("GET", "/v3/supporters/" + id, byId));
        ApiClient.Response byEmail = account.get("/v3/supporters/email/ada%2Bnews%40EXAMPLE.ORG");
        assertEquals(200, byEmail.status(), byEmail.toString());
        assertEquals(s, byEmail.json(), "email lookups ignore case");
        ApiClient.Response byCustomId = account.get("/v3/supporters/customId/crm:0001");
        assertEquals(200, byCustomId.status(), byCustomId.toString());
        assertEquals(id, byCustomId.json().get("id").asText());
    }

    @Test
    void unknownOrMalformedLookupsAre404InTheRallyFormat() {
        created(account, array("email", "known@example.org", "customId", "known-1"));
        for (String path : List.of("/v3/supporters/sup_01JXXXXXXXXXXXXXXXXXXXXXXX", "/v3/supporters/not%20an%20id",
                "/v3/supporters/email/unknown@example.org", "/v3/supporters/email/not-an-email",
                "/v3/supporters/customId/known-2", "/v3/supporters/customId/KNOWN-1")) {
            ApiClient.Response r = account.get(path);
            assertEquals(404, r.status(), path + " " + r);
            assertTrue(firstError(r).startsWith("Supporter "), r.toString());
            assertEquals(List.of(), document.problems("GET", path, r));
        }
        assertEquals(200, account.get("/v3/supporters/customId/known-1").status(), "the control");
    }

    @Test
    void anUpdateChangesWhatIsSentAndKeepsTheRest() {
        String id = created(account, array("firstName", "Grace", "lastName", "Hopper", "email", "grace@example.org",
                "addresses", List.of(array("street1", "1 Navy Way", "city", "Arlington", "state", "VA",
                        "zipcode", "22201")),
                "phones", List.of(array("telephone", "703-555-0100", "addressIndex", 0))));
        JsonNode before = account.get("/v3/supporters/" + id).json();
        assertEquals("unknown", before.at("/addresses/0/addressType").asText(), "the default type");

        CLOCK.advance(Duration.ofMinutes(5));
        ApiClient.Response changed = account.post("/v3/supporters/" + id, "lastName=Murray+Hopper&emailStatus=validated");
        assertEquals(200, changed.status(), changed.toString());
        JsonNode after = changed.json();
        assertEquals("Murray Hopper", after.get("lastName").asText());
        assertEquals("validated", after.get("emailStatus").asText());
        for (String kept : List.of("id", "firstName", "email", "emailOptin", "addresses", "phones", "joinDate",
                "createdAt")) {
            assertEquals(before.get(kept), after.get(kept), kept + " kept");
        }
        assertEquals(Instant.parse(before.get("updatedAt").asText()).plus(Duration.ofMinutes(5)),
                Instant.parse(after.get("updatedAt").asText()));
        assertEquals(List.of(), document.problems("POST", "/v3/supporters/" + id, changed));

        JsonNode moved = account.post("/v3/supporters/" + id, HttpBuildQuery.of(array("addresses",
                List.of(array("addressType", "home", "city", "Buffalo", "state", "NY", "zipcode", "14201"))))).json();
        assertEquals(1, moved.get("addresses").size(), "a sent list replaces the stored one");
        assertEquals("Buffalo", moved.at("/addresses/0/city").asText());
        assertEquals(before.get("phones"), moved.get("phones"), "phones kept, still tied to address 0");

        JsonNode cleared = account.post("/v3/supporters/" + id, "firstName=&phones=&joinDate=2020-02-29").json();
        assertTrue(cleared.get("firstName").isNull(), cleared.toString());
        assertEquals(0, cleared.get("phones").size());
        assertEquals(1, cleared.get("addresses").size());
        assertEquals("2020-02-29", cleared.get("joinDate").asText());

        ApiClient.Response nothing = account.post("/v3/supporters/" + id, "");
        assertEquals(200, nothing.status(), nothing.toString());
        assertEquals(cleared, nothing.json(), "an empty update changes nothing");

        ApiClient.Response dangling = account.post("/v3/supporters/" + id,
                "addresses=&phones%5B0%5D%5Btelephone%5D=703-555-0100&phones%5B0%5D%5BaddressIndex%5D=0");
        assertRefused(dangling, "phones[0][addressIndex]");
        assertEquals(cleared, account.get("/v3/supporters/" + id).json(), "a refused update changes nothing");
    }

    @Test
    void anEmailOrCustomIdNamesOneSupporterPerAccount() {
        String first = created(account, array("email", "once@example.org", "customId", "sf-001"));
        ApiClient.Response sameEmail = create(account, array("email", "ONCE@example.org"));
        assertRefused(sameEmail, "email");
        assertTrue(firstError(sameEmail).contains(first), "names the supporter to update: " + sameEmail);
        assertEquals(List.of(), document.problems("POST", "/v3/supporters", sameEmail));
        ApiClient.Response sameCustomId = create(account, array("email", "other@example.org", "customId", "sf-001"));
        assertRefused(sameCustomId, "customId");
        assertEquals(0, account.get("/v3/supporters?email=other%40example.org").json().get("totalResults").asInt(),
                "nothing of a refused create is kept");

        String second = created(account, array("email", "twice@example.org", "customId", "sf-002"));
        assertRefused(account.post("/v3/supporters/" + second, "email=Once%40Example.org"), "email");
        assertRefused(account.post("/v3/supporters/" + second, "customId=sf-001"), "customId");
        ApiClient.Response ownCase = account.post("/v3/supporters/" + second, "email=Twice%40example.org");
        assertEquals(200, ownCase.status(), "its own email in another case: " + ownCase);

        String elsewhere = created(sibling, array("email", "once@example.org", "customId", "sf-001"));
        assertNotEquals(first, elsewhere, "another account may have the same email and customId");
    }

    @Test
    void anAccountSeesItsSubtreeAndNeverASiblings() {
        String mine = created(account, array("email", "private@example.org", "customId", "private-1",
                "firstName", "Private"));
        ApiClient.Response peek = sibling.get("/v3/supporters/" + mine);
        assertEquals(404, peek.status(), peek.toString());
        assertEquals(404, sibling.get("/v3/supporters/email/private%40example.org").status());
        assertEquals(404, sibling.get("/v3/supporters/customId/private-1").status());
        assertEquals(404, sibling.post("/v3/supporters/" + mine, "firstName=Intruder").status());
        assertEquals("Private", account.get("/v3/supporters/" + mine).json().get("firstName").asText());
        ApiClient.Response search = sibling.get("/v3/supporters?firstName=Private");
        assertEquals(200, search.status());
        assertEquals(List.of(), ids(search));

        assertEquals(200, root.get("/v3/supporters/" + mine).status(), "the parent account reaches it by id");
        assertTrue(ids(root.get("/v3/supporters?firstName=Private")).contains(mine), "and in searches");
        assertEquals(404, root.get("/v3/supporters/email/private%40example.org").status(),
                "email lookups stay within the account's own supporters");
        assertEquals(200, account.get("/v3/supporters/email/private%40example.org").status());
    }

    @Test
    void writesAreCheckedFieldByField() {
        assertRefused(create(account, array("email", "a@example.org", "addresses",
                List.of(array("state", "ZZ")))), "addresses[0][state]");
        assertRefused(create(account, array("email", "a@example.org", "addresses",
                List.of(array("zipcode", "1220")))), "addresses[0][zipcode]");
        assertRefused(create(account, array("email", "a@example.org", "addresses",
                List.of(array("city", "Albany", "zipplus", "1234")))), "addresses[0][zipplus]");
        assertRefused(create(account, array("email", "a@example.org", "addresses",
                List.of(array("addressType", "castle")))), "addresses[0][addressType]");
        assertRefused(account.post("/v3/supporters", "addresses%5B1%5D%5Bcity%5D=Albany"), "addresses[0]");
        assertRefused(account.post("/v3/supporters", "addresses%5B0%5D%5Bcounty%5D=Albany"),
                "addresses[0][county]");
        assertRefused(create(account, array("email", "a@example.org", "phones",
                List.of(array("addressIndex", 0)))), "phones[0][telephone]");
        assertRefused(create(account, array("email", "a@example.org", "phones",
                List.of(array("telephone", "call me")))), "phones[0][telephone]");
        assertRefused(create(account, array("email", "not-an-email")), "email");
        assertRefused(create(account, array("email", "a@example.org", "emailOptin", "maybe")), "emailOptin");
        assertRefused(create(account, array("email", "a@example.org", "joinDate", "2025-02-29")), "joinDate");
        assertRefused(create(account, array("email", "a@example.org", "customId", "has space")), "customId");
        assertRefused(create(account, array("email", "a@example.org", "nickname", "Al")), "nickname");
        assertRefused(account.post("/v3/supporters", ""), "body");
        assertEquals(0, account.get("/v3/supporters?email=a%40example.org").json().get("totalResults").asInt(),
                "no refused write kept anything");
        assertEquals(201, create(account, array("email", "a@example.org", "addresses",
                List.of(array("state", "pr", "zipcode", "00901")))).status(), "the control");
    }

    @Test
    void getsAreConditional() {
        String id = created(account, array("email", "cached@example.org"));
        ApiClient.Response first = account.get("/v3/supporters/" + id);
        String etag = first.header("ETag");
        assertNotNull(etag);
        ApiClient.Response again = account.get("/v3/supporters/" + id, Map.of("If-None-Match", etag));
        assertEquals(304, again.status());
        assertEquals(0, again.raw().length);
        ApiClient.Response list = account.get("/v3/supporters?email=cached%40example.org");
        assertEquals(304, account.get("/v3/supporters?email=cached%40example.org",
                Map.of("If-None-Match", list.header("ETag"))).status());

        CLOCK.advance(Duration.ofSeconds(1));
        assertEquals(200, account.post("/v3/supporters/" + id, "firstName=Changed").status());
        ApiClient.Response changed = account.get("/v3/supporters/" + id, Map.of("If-None-Match", etag));
        assertEquals(200, changed.status(), "a changed supporter is sent again");
        assertEquals("Changed", changed.json().get("firstName").asText());
    }

    @Test
    void theDocumentDescribesTheNestedFormAndThePage() {
        JsonNode body = document.document().at("/paths/~1supporters/post/requestBody/content/"
                + "application~1x-www-form-urlencoded/schema");
        assertTrue(body.get("properties").has("email"), body.toString());
        List<String> families = new ArrayList<>();
        body.get("patternProperties").fieldNames().forEachRemaining(families::add);
        assertTrue(families.stream().anyMatch(p -> java.util.regex.Pattern.compile(p.substring(1, p.length() - 1))
                .matcher("addresses[0][street2]").matches()), families.toString());
        assertTrue(families.stream().noneMatch(p -> java.util.regex.Pattern.compile(p.substring(1, p.length() - 1))
                .matcher("addresses[0][county]").matches()), families.toString());

        created(account, array("email", "paged@example.org"));
        ApiClient.Response page = account.get("/v3/supporters?pagesize=2");
        assertEquals(200, page.status());
        assertEquals(List.of(), document.problems("GET", "/v3/supporters", page));
        ApiClient.Response refused = account.get("/v3/supporters?zipCode=1");
        assertEquals(List.of(), document.problems("GET", "/v3/supporters", refused));
    }
}
