package org.civicast.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.civicast.billing.BilledTo;
import org.civicast.billing.UsageLedger;
import org.civicast.lookup.providers.FakeLookupApi;
import org.civicast.lookup.providers.FakeLookupApi.Answer;
import org.civicast.lookup.providers.OfflineProvider;
import org.civicast.lookup.providers.TelnyxAnswers;
import org.civicast.lookup.providers.TelnyxProvider;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.db.Database;
import org.civicast.platform.ids.Ids;
import org.civicast.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LineTypeLookup} over a real database and the Telnyx provider against a local server: the
 * cache answers repeat numbers for free, expired answers are asked again, and every number a
 * provider answers is billed once to whoever asked.
 */
class LookupCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T09:00:00Z"));
    private Database db;
    private FakeLookupApi api;
    private UsageLedger ledger;
    private BilledTo listOfA;
    private BilledTo listOfB;

    @BeforeEach
    void open() throws IOException {
        db = LookupFixtures.database();
        OrganizationService organizations = new OrganizationService(db, new Ids(clock), clock);
        ledger = new UsageLedger(db, organizations, clock);
        listOfA = new BilledTo(organizations.createRoot("County Party").id(), "contact_list", "cl_a", "key_a");
        listOfB = new BilledTo(organizations.createRoot("Campaign").id(), "contact_list", "cl_b", null);
        api = new FakeLookupApi(TelnyxAnswers.PATH, (number, attempt) -> TelnyxAnswers.mobile(number));
    }

    @AfterEach
    void close() {
        api.close();
        db.close();
    }

    private LineTypeLookup lookup(int batchSize) {
        return new LineTypeLookup(db, new TelnyxProvider(api.baseUrl(), "k", 4, clock), ledger, clock,
                Duration.ofDays(30), batchSize);
    }

    private List<Map<String, Object>> usage(BilledTo billedTo) {
        return LookupFixtures.usage(db, billedTo.organizationId());
    }

    private int cached() {
        return db.read(h -> h.createQuery("SELECT count(*) FROM lookup_line_types").mapTo(Integer.class).one());
    }

    @Test
    void aSecondLookupOfTheSameNumbersIsAnsweredFromTheCacheAndNotBilled() {
        List<String> numbers = List.of("+12025550301", "+12025550302", "+12025550303");
        Map<String, LineInfo> first = lookup(500).lookup(listOfA, numbers);
        assertEquals(numbers, List.copyOf(first.keySet()), "in the order given");
        assertEquals(3, api.seen.size());
        List<Map<String, Object>> billed = usage(listOfA);
        assertEquals(3, billed.size(), "one usage row per number looked up");
        assertEquals("carrier_lookup", billed.get(0).get("category"));
        assertEquals(1, billed.get(0).get("units"));
        assertEquals("+12025550301 via telnyx", billed.get(0).get("unit_detail"));
        assertEquals("contact_list", billed.get(0).get("reference_type"));
        assertEquals("cl_a", billed.get(0).get("reference_id"));
        assertEquals("key_a", billed.get(0).get("initiator"));

        clock.advance(Duration.ofDays(1));
        Map<String, LineInfo> again = lookup(500).lookup(listOfB, List.of("+12025550302", "+12025550301", "+12025550303"));
        assertEquals(3, api.seen.size(), "no request: every number was cached, for another organization too");
        assertTrue(usage(listOfB).isEmpty(), "cache hits are not billed");
        assertEquals(3, usage(listOfA).size());
        assertEquals(first.get("+12025550301"), again.get("+12025550301"), "the cached answer keeps its time");
    }

    @Test
    void anAnswerOlderThanTheCachePeriodIsAskedAgain() {
        lookup(500).lookup(listOfA, List.of("+12025550311"));
        clock.advance(Duration.ofDays(29));
        lookup(500).lookup(listOfA, List.of("+12025550311"));
        assertEquals(1, api.requestsFor("+12025550311"), "29 days: still fresh");

        clock.advance(Duration.ofDays(2));
        api.answers = (number, attempt) -> TelnyxAnswers.carrier(number, "fixed line", "Verizon", null, "N");
        LineInfo renewed = lookup(500).lookup(listOfA, List.of("+12025550311")).get("+12025550311");
        assertEquals(2, api.requestsFor("+12025550311"), "31 days: asked again");
        assertEquals(LineType.LANDLINE, renewed.lineType());
        assertEquals(clock.instant(), renewed.lookedUpAt());
        assertEquals(2, usage(listOfA).size(), "and billed again");
        assertEquals(1, cached(), "the newer answer replaced the older");
    }

    @Test
    void anotherProvidersAnswersAreNotReused() {
        lookup(500).lookup(listOfA, List.of("+12025550321"));
        LineTypeLookup offline = new LineTypeLookup(db, new OfflineProvider(new PrefixTable(db, clock), clock), ledger, clock,
                Duration.ofDays(30));
        LineInfo info = offline.lookup(listOfA, List.of("+12025550321")).get("+12025550321");
        assertEquals("offline", info.provider());
        assertEquals("+12025550321 via offline", usage(listOfA).get(1).get("unit_detail"));
    }

    @Test
    void numbersGoInBatchesAndAFailureKeepsTheBatchesAnsweredBefore() {
        List<String> numbers = IntStream.range(0, 25).mapToObj(i -> "+1202555%04d".formatted(400 + i)).toList();
        api.answers = (number, attempt) -> number.equals(numbers.get(22))
                ? TelnyxAnswers.unavailable().withHeader("Retry-After", "0") : TelnyxAnswers.mobile(number);
        LookupFailure failure = assertThrows(LookupFailure.class, () -> lookup(10).lookup(listOfA, numbers));
        assertTrue(failure.temporary());
        assertEquals(20, cached(), "the first two batches of 10 are stored");
        assertEquals(20, usage(listOfA).size(), "and billed: the provider answered them");

        api.answers = (number, attempt) -> TelnyxAnswers.mobile(number);
        int before = api.seen.size();
        assertEquals(25, lookup(10).lookup(listOfA, numbers).size());
        assertEquals(5, api.seen.size() - before, "the retry asks only the last batch");
        assertEquals(25, usage(listOfA).size());
    }

    @Test
    void numbersTheProviderCannotAnswerAreNeitherCachedNorBilled() {
        api.answers = (number, attempt) -> number.startsWith("+1416") ? TelnyxAnswers.canadian(number) : TelnyxAnswers.mobile(number);
        Map<String, LineInfo> found = lookup(500).lookup(listOfA, List.of("+14165550331", "+12025550332"));
        assertFalse(found.containsKey("+14165550331"));
        assertEquals(1, usage(listOfA).size());
        lookup(500).lookup(listOfA, List.of("+14165550331"));
        assertEquals(2, api.requestsFor("+14165550331"), "asked again next time");
    }

    @Test
    void twoInstancesLookingUpOverlappingNumbersAtOnceBothSucceed() {
        api.latency = Duration.ofMillis(20);
        List<String> numbers = IntStream.range(0, 30).mapToObj(i -> "+1202555%04d".formatted(500 + i)).toList();
        List<String> reversed = new ArrayList<>(numbers.subList(10, 30));
        java.util.Collections.reverse(reversed);
        CompletableFuture<Map<String, LineInfo>> one = CompletableFuture.supplyAsync(() -> lookup(7).lookup(listOfA, numbers));
        CompletableFuture<Map<String, LineInfo>> two = CompletableFuture.supplyAsync(() -> lookup(7).lookup(listOfB, reversed));
        assertEquals(30, one.join().size());
        assertEquals(20, two.join().size());
        assertEquals(30, cached(), "one row per number");
        assertEquals(api.seen.size(), usage(listOfA).size() + usage(listOfB).size(),
                "each number a provider answered is billed, to whoever asked it");
        assertTrue(usage(listOfB).stream().allMatch(u -> "cl_b".equals(u.get("reference_id"))));
    }

    @Test
    void numbersNotInE164AreRefusedBeforeAnythingIsAsked() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> lookup(500).lookup(listOfA, List.of("+12025550341", "(202) 555-0342")));
        assertTrue(refused.getMessage().contains("(202) 555-0342"), refused.getMessage());
        assertTrue(api.seen.isEmpty());
    }

    @Test
    void aRepeatedNumberIsLookedUpAndBilledOnce() {
        assertEquals(1, lookup(500).lookup(listOfA, List.of("+12025550351", "+12025550351")).size());
        assertEquals(1, api.seen.size());
        assertEquals(1, usage(listOfA).size());
    }
}
