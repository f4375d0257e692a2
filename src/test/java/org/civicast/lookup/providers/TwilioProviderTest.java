package org.civicast.lookup.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
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

/** {@link TwilioProvider} against a local server answering in Twilio Lookup v2's format. */
class TwilioProviderTest {
    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "token_secret_0123456789";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-05-01T10:00:00Z"));
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private FakeLookupApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLookupApi(TwilioAnswers.PATH, (number, attempt) -> TwilioAnswers.mobile(number));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TwilioProvider provider(int concurrency) {
        return new TwilioProvider(api.baseUrl(), SID, TOKEN, concurrency, clock, pauses::add);
    }

    @Test
    void readsTheDocumentedAnswer() {
        api.answers = (number, attempt) -> TwilioAnswers.documented();
        LineInfo info = provider(8).lookup(List.of(TwilioAnswers.DOCUMENTED_NUMBER)).get(TwilioAnswers.DOCUMENTED_NUMBER);
        assertEquals(new LineInfo("+14159929960", LineType.VOIP, "Twilio - SMS/MMS-SVR", null, null, "twilio", clock.instant()),
                info);
        FakeLookupApi.Seen seen = api.seen.getFirst();
        assertEquals("Fields=line_type_intelligence", seen.query());
        assertEquals("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)),
                seen.authorization());
    }

    @Test
    void mapsTwilioLineTypesToTheContractsFour() {
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("+12025550201", TwilioAnswers.mobile("+12025550201"));
        answers.put("+12025550202", TwilioAnswers.lineType("+12025550202", "landline", "Verizon", 0));
        answers.put("+12025550203", TwilioAnswers.lineType("+12025550203", "fixedVoip", "Comcast", 0));
        answers.put("+18005550204", TwilioAnswers.lineType("+18005550204", "tollFree", null, 0));
        answers.put("+12025550205", TwilioAnswers.lineType("+12025550205", "unknown", null, 0));
        answers.put("+12025550206", TwilioAnswers.lineType("+12025550206", "pager", null, 0));
        api.answers = (number, attempt) -> answers.get(number);
        Map<String, LineInfo> found = provider(3).lookup(List.copyOf(answers.keySet()));
        assertEquals(LineType.MOBILE, found.get("+12025550201").lineType());
        assertEquals("T-Mobile USA, Inc.", found.get("+12025550201").carrier());
        assertNull(found.get("+12025550201").lrn(), "Twilio gives no LRN");
        assertNull(found.get("+12025550201").ported(), "nor a ported flag");
        assertEquals(LineType.LANDLINE, found.get("+12025550202").lineType());
        assertEquals(LineType.VOIP, found.get("+12025550203").lineType());
        assertEquals(LineType.LANDLINE, found.get("+18005550204").lineType());
        assertEquals(LineType.MOBILE, found.get("+12025550205").lineType(), "what cannot be told from mobile is mobile");
        assertEquals(LineType.LANDLINE, found.get("+12025550206").lineType());
    }

    @Test
    void numbersTwilioCallsInvalidAreInvalidAndOnesItWillNotLookUpAreLeftOut() {
        api.answers = (number, attempt) -> switch (number) {
            case "+141599299600" -> TwilioAnswers.documentedInvalid();
            case "+12025550212" -> TwilioAnswers.error(404, 20404, "The requested resource /PhoneNumbers/+12025550212 was not found");
            case "+12025550213" -> TwilioAnswers.lineType(number, null, null, 60600);
            case "+14165550214" -> TwilioAnswers.lineType(number, null, null, 60601);
            default -> TwilioAnswers.mobile(number);
        };
        Map<String, LineInfo> found = provider(4).lookup(
                List.of("+141599299600", "+12025550212", "+12025550213", "+14165550214", "+12025550215"));
        assertEquals(LineType.INVALID, found.get("+141599299600").lineType());
        assertEquals(LineType.INVALID, found.get("+12025550212").lineType());
        assertEquals(LineType.INVALID, found.get("+12025550213").lineType(), "60600: unprovisioned");
        assertFalse(found.containsKey("+14165550214"), "60601: Canada not enabled, no answer");
        assertEquals(LineType.MOBILE, found.get("+12025550215").lineType());
    }

    @Test
    void keepsNoMoreThanTheConcurrencyLimitInFlight() {
        api.latency = Duration.ofMillis(40);
        List<String> numbers = IntStream.range(0, 30).mapToObj(i -> "+1202555%04d".formatted(2000 + i)).toList();
        assertEquals(30, provider(3).lookup(numbers).size());
        assertTrue(api.mostAtOnce() <= 3, "at most 3 at once, saw " + api.mostAtOnce());
        assertTrue(api.mostAtOnce() >= 2, "requests run side by side, saw " + api.mostAtOnce());
        assertTrue(numbers.stream().allMatch(n -> api.requestsFor(n) == 1), "each number asked once");
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAtItsRetryAfterDate() {
        String inNineSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(9).atOffset(ZoneOffset.UTC));
        api.answers = (number, attempt) -> attempt == 1
                ? TwilioAnswers.error(429, 20429, "Too Many Requests").withHeader("Retry-After", inNineSeconds)
                : TwilioAnswers.mobile(number);
        assertEquals(LineType.MOBILE, provider(1).lookup(List.of("+12025550221")).get("+12025550221").lineType());
        assertEquals(2, api.requestsFor("+12025550221"));
        assertEquals(List.of(Duration.ofSeconds(9)), pauses);
    }

    @Test
    void aServerErrorIsRetried() {
        api.answers = (number, attempt) -> attempt == 1
                ? TwilioAnswers.error(500, 20500, "Internal Server Error") : TwilioAnswers.mobile(number);
        assertEquals(LineType.MOBILE, provider(1).lookup(List.of("+12025550231")).get("+12025550231").lineType());
        assertEquals(2, api.requestsFor("+12025550231"));
        assertEquals(1, pauses.size());
    }

    @Test
    void givesUpAfterTheLastAttemptAsATemporaryFailure() {
        api.answers = (number, attempt) -> TwilioAnswers.error(429, 20429, "Too Many Requests").withHeader("Retry-After", "1");
        LookupFailure failure = assertThrows(LookupFailure.class, () -> provider(1).lookup(List.of("+12025550241")));
        assertTrue(failure.temporary());
        assertEquals(ProviderCalls.MAX_ATTEMPTS, api.requestsFor("+12025550241"));
        assertEquals(ProviderCalls.MAX_ATTEMPTS - 1, pauses.size());
        assertTrue(failure.getMessage().contains("HTTP 429"), failure.getMessage());
    }

    @Test
    void refusedCredentialsFailAtOnceNamingTheSettings() {
        api.answers = (number, attempt) -> TwilioAnswers.error(401, 20003, "Authenticate");
        LookupFailure failure = assertThrows(LookupFailure.class,
                () -> provider(1).lookup(List.of("+12025550251", "+12025550252", "+12025550253")));
        assertFalse(failure.temporary());
        assertEquals("Twilio Lookup refused the credentials (HTTP 401): check CIVICAST_TWILIO_ACCOUNT_SID and "
                + "CIVICAST_TWILIO_AUTH_TOKEN", failure.getMessage());
        assertFalse(failure.getMessage().contains(TOKEN));
        assertEquals(1, api.seen.size(), "no retry, and no other number asked after the refusal");
    }

    @Test
    void anUnexpectedAnswerFailsWithTwiliosMessage() {
        api.answers = (number, attempt) -> TwilioAnswers.error(402, 20005, "Account not active");
        LookupFailure failure = assertThrows(LookupFailure.class, () -> provider(1).lookup(List.of("+12025550261")));
        assertFalse(failure.temporary());
        assertEquals("Twilio Lookup answered HTTP 402: Account not active (20005)", failure.getMessage());
    }
}
