package org.civicast.lookup.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.civicast.lookup.LineInfo;
import org.civicast.lookup.LineType;
import org.civicast.lookup.LookupFailure;
import org.civicast.lookup.providers.FakeLookupApi.Answer;
import org.civicast.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TelnyxProvider} against a local server answering in Telnyx Number Lookup's format. */
class TelnyxProviderTest {
    private static final String KEY = "KEY0123456789ABCDEF_secret";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-05-01T10:00:00Z"));
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private FakeLookupApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLookupApi(TelnyxAnswers.PATH, (number, attempt) -> TelnyxAnswers.mobile(number));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TelnyxProvider provider(int concurrency) {
        return new TelnyxProvider(api.baseUrl(), KEY, concurrency, clock, pauses::add);
    }

    @Test
    void readsTheDocumentedAnswer() {
        api.answers = (number, attempt) -> TelnyxAnswers.documented();
        LineInfo info = provider(8).lookup(List.of(TelnyxAnswers.DOCUMENTED_NUMBER)).get(TelnyxAnswers.DOCUMENTED_NUMBER);
        assertEquals(new LineInfo("+13129457420", LineType.VOIP, "Telnyx/4", "2245701999", true, "telnyx", clock.instant()),
                info);
        FakeLookupApi.Seen seen = api.seen.getFirst();
        assertEquals("+13129457420", seen.number());
        assertEquals("type=carrier", seen.query());
        assertEquals("Bearer " + KEY, seen.authorization());
    }

    @Test
    void mapsTelnyxLineTypesToTheContractsFour() {
        Map<String, Answer> answers = Map.of(
                "+12025550101", TelnyxAnswers.carrier("+12025550101", "mobile", "T-Mobile USA, Inc.", null, "N"),
                "+12025550102", TelnyxAnswers.carrier("+12025550102", "fixed line", "Verizon Washington, DC Inc.", "2025559999", ""),
                "+18005550103", TelnyxAnswers.carrier("+18005550103", "toll free", null, null, null),
                "+12025550104", TelnyxAnswers.carrier("+12025550104", "fixed line or mobile", "Some Carrier", null, null),
                "+12025550105", TelnyxAnswers.carrier("+12025550105", "voip", "Bandwidth.com", null, "Y"));
        api.answers = (number, attempt) -> answers.get(number);
        Map<String, LineInfo> found = provider(2).lookup(List.copyOf(answers.keySet()));
        assertEquals(LineType.MOBILE, found.get("+12025550101").lineType());
        assertEquals("T-Mobile USA, Inc.", found.get("+12025550101").carrier());
        assertEquals(false, found.get("+12025550101").ported());
        assertNull(found.get("+12025550101").lrn());
        assertEquals(LineType.LANDLINE, found.get("+12025550102").lineType());
        assertEquals("2025559999", found.get("+12025550102").lrn());
        assertNull(found.get("+12025550102").ported(), "an empty ported_status is not known");
        assertEquals(LineType.LANDLINE, found.get("+18005550103").lineType(), "toll-free reaches no handset");
        assertEquals(LineType.MOBILE, found.get("+12025550104").lineType(), "what cannot be told from mobile is mobile");
        assertEquals(LineType.VOIP, found.get("+12025550105").lineType());
        assertEquals(true, found.get("+12025550105").ported());
    }

    @Test
    void numbersTelnyxCallsInvalidAreInvalidAndOnesItWillNotLookUpAreLeftOut() {
        api.answers = (number, attempt) -> switch (number) {
            case "+12025550111" -> TelnyxAnswers.notValid(number);
            case "+12025550112" -> Answer.json(404, "{\"errors\":[{\"code\":\"10005\",\"title\":\"Resource not found\"}]}");
            case "+14165550113" -> TelnyxAnswers.canadian(number);
            default -> TelnyxAnswers.mobile(number);
        };
        Map<String, LineInfo> found = provider(4).lookup(List.of("+12025550111", "+12025550112", "+14165550113", "+12025550114"));
        assertEquals(LineType.INVALID, found.get("+12025550111").lineType());
        assertEquals(LineType.INVALID, found.get("+12025550112").lineType());
        assertFalse(found.containsKey("+14165550113"), "a 422 is no answer: not cached, not billed");
        assertEquals(LineType.MOBILE, found.get("+12025550114").lineType());
    }

    @Test
    void keepsNoMoreThanTheConcurrencyLimitInFlight() {
        api.latency = Duration.ofMillis(40);
        List<String> numbers = IntStream.range(0, 40).mapToObj(i -> "+1202555%04d".formatted(1000 + i)).toList();
        Map<String, LineInfo> found = provider(4).lookup(numbers);
        assertEquals(40, found.size());
        assertTrue(api.mostAtOnce() <= 4, "at most 4 at once, saw " + api.mostAtOnce());
        assertTrue(api.mostAtOnce() >= 2, "requests run side by side, saw " + api.mostAtOnce());
        assertTrue(numbers.stream().allMatch(n -> api.requestsFor(n) == 1), "each number asked once");
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterItsRetryAfter() {
        api.answers = (number, attempt) -> attempt == 1
                ? TelnyxAnswers.tooManyRequests().withHeader("Retry-After", "7") : TelnyxAnswers.mobile(number);
        Map<String, LineInfo> found = provider(1).lookup(List.of("+12025550121"));
        assertEquals(LineType.MOBILE, found.get("+12025550121").lineType());
        assertEquals(2, api.requestsFor("+12025550121"));
        assertEquals(List.of(Duration.ofSeconds(7)), pauses);
    }

    @Test
    void aServerErrorIsRetriedWithAGrowingPause() {
        api.answers = (number, attempt) -> attempt <= 2 ? TelnyxAnswers.unavailable() : TelnyxAnswers.mobile(number);
        assertEquals(LineType.MOBILE, provider(1).lookup(List.of("+12025550131")).get("+12025550131").lineType());
        assertEquals(3, api.requestsFor("+12025550131"));
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(0).toMillis() >= 250 && pauses.get(0).toMillis() <= 500, pauses.toString());
        assertTrue(pauses.get(1).toMillis() >= 500 && pauses.get(1).toMillis() <= 1000, pauses.toString());
    }

    @Test
    void givesUpAfterTheLastAttemptAsATemporaryFailure() {
        api.answers = (number, attempt) -> TelnyxAnswers.unavailable();
        LookupFailure failure = assertThrows(LookupFailure.class, () -> provider(1).lookup(List.of("+12025550141")));
        assertTrue(failure.temporary());
        assertEquals(ProviderCalls.MAX_ATTEMPTS, api.requestsFor("+12025550141"));
        assertTrue(failure.getMessage().contains("HTTP 503"), failure.getMessage());
    }

    @Test
    void aRetryAfterLongerThanAMinuteIsLeftToTheCaller() {
        api.answers = (number, attempt) -> TelnyxAnswers.tooManyRequests().withHeader("Retry-After", "3600");
        LookupFailure failure = assertThrows(LookupFailure.class, () -> provider(1).lookup(List.of("+12025550151")));
        assertTrue(failure.temporary());
        assertEquals(1, api.requestsFor("+12025550151"));
        assertTrue(pauses.isEmpty());
        assertTrue(failure.getMessage().contains("3600 s"), failure.getMessage());
    }

    @Test
    void refusedCredentialsFailAtOnceNamingTheSetting() {
        api.answers = (number, attempt) -> TelnyxAnswers.unauthorized();
        List<String> numbers = List.of("+12025550161", "+12025550162", "+12025550163", "+12025550164");
        LookupFailure failure = assertThrows(LookupFailure.class, () -> provider(1).lookup(numbers));
        assertFalse(failure.temporary());
        assertEquals("Telnyx Number Lookup refused the credentials (HTTP 401): check CIVICAST_TELNYX_API_KEY",
                failure.getMessage());
        assertFalse(failure.getMessage().contains(KEY));
        assertEquals(1, api.seen.size(), "no retry, and no other number asked after the refusal");
        assertTrue(pauses.isEmpty());
    }
}
