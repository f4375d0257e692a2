package org.civicast.advocacy.supporters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;
import org.civicast.testing.ApiClient;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Searching supporters with every filter of Rally's list, paging through the results, and the
 * service the submission flow calls: supporters matched by email within an organization, created
 * or updated in the caller's transaction, with the district of the first address's ZIP code.
 */
class SupporterSearchTest {
    static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
    static final MutableClock CLOCK = new MutableClock(T0);
    /** The districts of the few ZIP codes these tests use; 22201 is left out, as a ZIP spanning districts is. */
    static final Map<String, String> DISTRICTS = Map.of("12207", "NY20", "98101", "WA7", "99501", "AK0");

    static TestServer server;
    static Database db;
    static SupporterService supporters;
    static RallyAccount account;
    static RallyAccount sibling;
    static RallyAccount signers;
    static String ada;
    static String grace;
    static String alan;
    static String wally;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        String rootOrg = server.rootOrganizationId();
        account = RallyAccount.create(server, rootOrg, "Searching account");
        sibling = RallyAccount.create(server, rootOrg, "Sibling account");
        signers = RallyAccount.create(server, rootOrg, "Account of signers");
        db = Database.connect(DatabaseAddress.parse(server.databaseUrl(), null, null), 2, null);
        supporters = new SupporterService(db, new OrganizationService(db, new Ids(CLOCK), CLOCK), new Ids(CLOCK),
                CLOCK, zip -> Optional.ofNullable(DISTRICTS.get(zip)));

        ada = seed(T0, SupporterFields.none().withEmail("ada@example.org").withFirstName("Ada")
                .withLastName("Lovelace").withCustomId("c-1").withEmailOptin("yes")
                .withJoinDate(LocalDate.parse("2024-01-15")).withAddresses(List.of(address("Albany", "NY", "12207"))));
        grace = seed(T0.plus(Duration.ofHours(1)), SupporterFields.none().withEmail("grace@example.org")
                .withFirstName("Grace").withLastName("Hopper").withCustomId("c-2").withEmailOptin("no")
                .withJoinDate(LocalDate.parse("2024-03-31")).withAddresses(List.of(address("Arlington", "VA", "22201"))));
        alan = seed(T0.plus(Duration.ofHours(2)), SupporterFields.none().withEmail("alan@example.org")
                .withFirstName("Alan").withLastName("Turing").withEmailOptin("pending")
                .withJoinDate(LocalDate.parse("2024-04-01"))
                .withAddresses(List.of(address("Seattle", "WA", "98101"), address("Albany", "NY", "12207"))));
        wally = seed(T0.plus(Duration.ofHours(3)), SupporterFields.none().withEmail("wally@example.org")
                .withFirstName("Wally").withJoinDate(LocalDate.parse("2024-05-20"))
                .withAddresses(List.of(address("Anchorage", "AK", "99501"))));
        // The sibling's supporter matches every filter above; it must never show.
        CLOCK.set(T0.plus(Duration.ofHours(4)));
        supporters.upsertByEmail(sibling.id, SupporterFields.none().withEmail("ada@example.org").withFirstName("Ada")
                .withLastName("Lovelace").withCustomId("c-1").withEmailOptin("yes")
                .withJoinDate(LocalDate.parse("2024-01-15")).withAddresses(List.of(address("Albany", "NY", "12207"))));
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
        server.close();
    }

    private static Supporter.Address address(String city, String state, String zipcode) {
        return new Supporter.Address("home", "1 Main St", null, null, city, state, zipcode, null);
    }

    private static String seed(Instant at, SupporterFields fields) {
        CLOCK.set(at);
        return supporters.upsertByEmail(account.id, fields).id();
    }

    private static List<String> search(String query) {
        ApiClient.Response r = account.get("/v3/supporters?" + query);
        assertEquals(200, r.status(), query + " " + r);
        List<String> ids = new ArrayList<>();
        r.json().get("supporters").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(ids.size(), r.json().get("totalResults").asInt(), query);
        return ids;
    }

    @Test
    void everyFilterMatchesWhatItNamesAndNothingElse() {
        assertEquals(List.of(ada, grace, alan, wally), search(""), "everyone, in creation order");
        assertEquals(List.of(ada), search("email=ADA%40example.org"));
        assertEquals(List.of(), search("email=nobody%40example.org"));
        assertEquals(List.of(grace), search("firstName=grace"));
        assertEquals(List.of(), search("firstName=Gracie"));
        assertEquals(List.of(alan), search("lastName=TURING"));
        assertEquals(List.of(), search("lastName=Turin"));
        assertEquals(List.of(ada), search("customId=c-1"));
        assertEquals(List.of(), search("customId=C-1"));
        assertEquals(List.of(ada), search("city=albany"), "the primary address only: Alan's second one is in Albany");
        assertEquals(List.of(), search("city=Troy"));
        assertEquals(List.of(grace), search("state=va"));
        assertEquals(List.of(), search("state=TX"));
        assertEquals(List.of(alan), search("optinStatus=pending"));
        assertEquals(List.of(), search("optinStatus=spam"));
        assertEquals(List.of(ada), search("zipCode=12207"));
        assertEquals(List.of(), search("zipCode=10001"));
        assertEquals(List.of(ada), search("state=NY&optinStatus=yes"), "filters combine");
        assertEquals(List.of(), search("state=NY&optinStatus=no"));
    }

    @Test
    void theDistrictComesFromTheFirstAddresssZipCode() {
        assertEquals(List.of(ada), search("congressDistrict=NY20"));
        assertEquals(List.of(ada), search("congressDistrict=ny-20"), "read as NY20");
        assertEquals(List.of(alan), search("congressDistrict=WA7"), "not NY20 from the second address");
        assertEquals(List.of(wally), search("congressDistrict=AK0"));
        assertEquals(List.of(wally), search("congressDistrict=AK-AL"));
        assertEquals(List.of(), search("congressDistrict=NY21"));
        JsonNode graceNow = account.get("/v3/supporters/" + grace).json();
        assertTrue(graceNow.get("congressDistrict").isNull(), "a ZIP code without one district gives none");
        assertEquals("NY20", account.get("/v3/supporters/" + ada).json().get("congressDistrict").asText());
    }

    @Test
    void joinDateIsADayOrAnInclusiveRange() {
        assertEquals(List.of(grace), search("joinDate=2024-03-31"));
        assertEquals(List.of(), search("joinDate=2024-03-30"));
        assertEquals(List.of(ada, grace), search("joinDate=2024-01-15..2024-03-31"));
        assertEquals(List.of(grace), search("joinDate=2024-01-16..2024-03-31"));
        assertEquals(List.of(ada), search("joinDate=..2024-03-30"));
        assertEquals(List.of(alan, wally), search("joinDate=2024-04-01.."));
        assertEquals(List.of(), search("joinDate=2023-01-01..2023-12-31"));
    }

    @Test
    void updatedSinceIsInclusiveAndReadsOffsets() {
        assertEquals(List.of(grace, alan, wally), search("updatedSince=2024-06-01T01:00:00Z"));
        assertEquals(List.of(alan, wally), search("updatedSince=2024-06-01T01:00:00.000001Z"));
        assertEquals(List.of(grace, alan, wally), search("updatedSince=2024-06-01T03:00:00%2B02:00"));
        assertEquals(List.of(grace, alan, wally), search("updatedSince=2024-06-01T03:00:00+02:00"),
                "a + left unencoded arrives as a space");
        assertEquals(List.of(alan, wally), search("updatedSince=2024-06-01T02:00"), "UTC without an offset");
        assertEquals(List.of(ada, grace, alan, wally), search("updatedSince=2024-06-01"));
        assertEquals(List.of(), search("updatedSince=2024-06-01T03:00:01Z"));
    }

    @Test
    void pagesFollowRallysPagingFields() {
        String query = "/v3/supporters?joinDate=2024-01-01..&pagesize=3";
        JsonNode first = account.get(query).json();
        assertEquals(0, first.get("page").asInt());
        assertEquals(3, first.get("pagesize").asInt());
        assertEquals(4, first.get("totalResults").asInt());
        assertEquals(3, first.get("supporters").size());
        assertTrue(first.get("previouspageuri").isNull());
        String next = first.get("nextpageuri").asText();
        assertTrue(next.startsWith("/v3/supporters?") && next.contains("joinDate=2024-01-01..")
                && next.contains("page=1"), next);
        assertEquals(first.get("uri").asText(), first.get("firstpageuri").asText());

        JsonNode second = account.get(next).json();
        assertEquals(1, second.get("page").asInt());
        assertEquals(1, second.get("supporters").size());
        assertTrue(second.get("nextpageuri").isNull());
        assertEquals(first.get("uri").asText(), account.get(second.get("previouspageuri").asText()).json()
                .get("uri").asText());
        List<String> all = new ArrayList<>();
        first.get("supporters").forEach(s -> all.add(s.get("id").asText()));
        second.get("supporters").forEach(s -> all.add(s.get("id").asText()));
        assertEquals(List.of(ada, grace, alan, wally), all, "stable order, nothing twice");

        assertEquals(List.of(alan, wally), ids(account.get("/v3/supporters?page=1&pagesize=2")));
        assertEquals(400, account.get("/v3/supporters?page=2&pagesize=2").status(), "past the last page");
        JsonNode none = account.get("/v3/supporters?email=nobody%40example.org").json();
        assertEquals(0, none.get("totalResults").asInt());
        assertTrue(none.get("nextpageuri").isNull());
    }

    private static List<String> ids(ApiClient.Response r) {
        List<String> ids = new ArrayList<>();
        r.json().get("supporters").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void badFilterValuesAreRefusedNamingTheParameter() {
        for (String query : List.of("zipCode=1220", "zipCode=122071", "state=N1", "state=ZZ", "optinStatus=maybe",
                "congressDistrict=NY", "congressDistrict=NY123", "email=not-an-email", "customId=has%20space",
                "firstName=", "page=-1", "pagesize=0", "nickname=x")) {
            assertRefused(query, query.substring(0, query.indexOf('=')));
        }
        for (String joinDate : List.of("2024-02-30", "2024-03-01..2024-01-01", "yesterday", "..", "2024-1-1")) {
            assertRefused("joinDate=" + joinDate, "joinDate");
        }
        for (String since : List.of("2024-13-01T00:00:00Z", "last%20week", "2024-06-01T25:00:00Z", "1717200000")) {
            assertRefused("updatedSince=" + since, "updatedSince");
        }
    }

    private static void assertRefused(String query, String parameter) {
        ApiClient.Response r = account.get("/v3/supporters?" + query);
        assertEquals(400, r.status(), query + " " + r);
        assertTrue(r.json().at("/response/errors/0").asText().startsWith(parameter + " "), query + " " + r);
    }

    @Test
    void upsertByEmailCreatesThenUpdatesInTheCallersTransaction() {
        CLOCK.set(T0.plus(Duration.ofDays(1)));
        Supporter made = supporters.upsertByEmail(signers.id, SupporterFields.none().withEmail("Signer@example.org")
                .withFirstName("Sig").withAddresses(List.of(address("Albany", "NY", "12207")))
                .withPhones(List.of(new Supporter.Phone("518-555-0199", 0))));
        assertEquals("NY20", made.congressDistrict());
        assertEquals(LocalDate.parse("2024-06-02"), made.joinDate());
        assertEquals("not_collected", made.emailOptin());

        CLOCK.advance(Duration.ofMinutes(1));
        Supporter again = supporters.upsertByEmail(signers.id, SupporterFields.none().withEmail("signer@EXAMPLE.org")
                .withLastName("Ner").withAddresses(List.of(address("Anchorage", "AK", "99501"))));
        assertEquals(made.id(), again.id(), "matched by email in any case");
        assertEquals("Sig", again.firstName(), "kept");
        assertEquals("Signer@example.org", again.email(), "the email that matched keeps its spelling");
        assertEquals("Ner", again.lastName());
        assertEquals("AK0", again.congressDistrict(), "the district follows the new address");
        assertEquals(made.phones(), again.phones());
        assertEquals(made.createdAt(), again.createdAt());
        assertEquals(made.updatedAt().plus(Duration.ofMinutes(1)), again.updatedAt());

        CLOCK.advance(Duration.ofMinutes(1));
        Supporter same = supporters.upsertByEmail(signers.id, SupporterFields.none().withEmail("signer@example.org")
                .withLastName("Ner"));
        assertEquals(again, same, "a change to nothing writes nothing");

        Supporter elsewhere = supporters.upsertByEmail(sibling.id, SupporterFields.none().withEmail("signer@example.org"));
        assertNotEquals(made.id(), elsewhere.id(), "each organization has its own");
        assertEquals(Optional.of(same), supporters.byId(signers.id, made.id()));
        assertEquals(Optional.empty(), supporters.byId(sibling.id, made.id()));

        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            supporters.upsertByEmail(signers.id, SupporterFields.none().withEmail("rolled-back@example.org"));
            throw new IllegalStateException("the submission failed");
        }));
        assertEquals(0, signers.get("/v3/supporters?email=rolled-back%40example.org").json().get("totalResults").asInt(),
                "undone with the caller's transaction");
        assertEquals(1, signers.get("/v3/supporters?email=signer%40example.org").json().get("totalResults").asInt());

        ApiException noEmail = assertThrows(ApiException.class,
                () -> supporters.upsertByEmail(signers.id, SupporterFields.none().withFirstName("Anon")));
        assertEquals("email", ((ApiException.FieldIssue) ((List<?>) noEmail.details()).getFirst()).field());
    }
    @Test
    void racingUpsertsOfOneNewEmailMakeOneSupporterWithItsContacts() {
        List<Supporter> made = org.civicast.testing.Parallel.run(
                () -> supporters.upsertByEmail(signers.id, racer("First")),
                () -> supporters.upsertByEmail(signers.id, racer("Second")),
                () -> supporters.upsertByEmail(signers.id, racer("Third")));
        assertEquals(1, made.stream().map(Supporter::id).distinct().count(), made.toString());
        Supporter stored = supporters.byId(signers.id, made.getFirst().id()).orElseThrow();
        assertEquals(List.of(address("Albany", "NY", "12207")), stored.addresses());
        assertEquals(List.of(new Supporter.Phone("518-555-0100", 0)), stored.phones());
        assertTrue(List.of("First", "Second", "Third").contains(stored.firstName()), stored.firstName());
        assertEquals(1, signers.get("/v3/supporters?email=racer%40example.org").json().get("totalResults").asInt());
    }

    private static SupporterFields racer(String firstName) {
        return SupporterFields.none().withEmail("racer@example.org").withFirstName(firstName)
                .withAddresses(List.of(address("Albany", "NY", "12207")))
                .withPhones(List.of(new Supporter.Phone("518-555-0100", 0)));
    }
}
