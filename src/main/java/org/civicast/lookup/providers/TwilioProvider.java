package org.civicast.lookup.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.lookup.LineInfo;
import org.civicast.lookup.LineType;
import org.civicast.lookup.LookupFailure;
import org.civicast.lookup.LrnProvider;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundPolicy;
import org.civicast.platform.outbound.OutboundRequest;
import org.civicast.platform.outbound.OutboundResponse;

/**
 * Twilio Lookup v2 with Line Type Intelligence: {@code GET {base}/v2/PhoneNumbers/{E164}?Fields=line_type_intelligence}
 * over HTTP Basic (Account SID and Auth Token, or an API key and its secret), one number per
 * request. {@code line_type_intelligence} gives the carrier and its type ({@code mobile},
 * {@code landline}, {@code fixedVoip}, {@code nonFixedVoip}, {@code tollFree}, …); Twilio gives no
 * LRN or ported flag, so both stay unknown.
 *
 * <p>A number Twilio reports as not valid ({@code valid: false}, 404, or error 60600: unprovisioned)
 * is {@code invalid}; one it will not look up (60601: a Canadian number without approval) is left
 * unanswered, neither cached nor billed.
 */
public final class TwilioProvider implements LrnProvider {
    public static final URI BASE_URL = URI.create("https://lookups.twilio.com");
    static final String NAME = "twilio";
    static final String SERVICE = "Twilio Lookup";
    private static final int UNPROVISIONED = 60600;

    private final String base;
    private final String authorization;
    private final Clock clock;
    private final ProviderCalls calls;

    public TwilioProvider(URI baseUrl, String accountSid, String authToken, int concurrency, Clock clock) {
        this(baseUrl, accountSid, authToken, concurrency, clock, Thread::sleep);
    }

    TwilioProvider(URI baseUrl, String accountSid, String authToken, int concurrency, Clock clock, ProviderCalls.Pause pause) {
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        OutboundPolicy policy = OutboundPolicy.forEndpoint(baseUrl).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
        this.calls = new ProviderCalls(SERVICE, "CIVICAST_TWILIO_ACCOUNT_SID and CIVICAST_TWILIO_AUTH_TOKEN",
                new Outbound(policy), concurrency, clock, pause);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, LineInfo> lookup(List<String> e164Numbers) {
        return calls.each(e164Numbers, number -> OutboundRequest.get(
                        URI.create(base + "/v2/PhoneNumbers/" + number + "?Fields=line_type_intelligence"))
                .withHeader("Authorization", authorization).withHeader("Accept", "application/json"), this::read);
    }

    private Optional<LineInfo> read(String number, OutboundResponse response) {
        switch (response.status()) {
            case 200 -> { }
            case 404 -> {
                return Optional.of(LineInfo.invalid(number, NAME, clock.instant()));
            }
            case 400, 422 -> {
                boolean unprovisioned = ProviderJson.lenient(response).path("code").asInt() == UNPROVISIONED;
                return unprovisioned ? Optional.of(LineInfo.invalid(number, NAME, clock.instant())) : Optional.empty();
            }
            default -> throw new LookupFailure(SERVICE + " answered HTTP " + response.status() + error(response), false);
        }
        JsonNode root = ProviderJson.body(SERVICE, response);
        if (root.path("valid").isBoolean() && !root.path("valid").asBoolean()) {
            return Optional.of(LineInfo.invalid(number, NAME, clock.instant()));
        }
        JsonNode line = root.path("line_type_intelligence");
        if (!line.isObject()) return Optional.empty();
        String type = ProviderJson.text(line, "type");
        if (type == null) {
            boolean unprovisioned = line.path("error_code").asInt() == UNPROVISIONED;
            return unprovisioned ? Optional.of(LineInfo.invalid(number, NAME, clock.instant())) : Optional.empty();
        }
        return Optional.of(new LineInfo(number, lineType(type), ProviderJson.text(line, "carrier_name"), null, null,
                NAME, clock.instant()));
    }

    /** Twilio's line types in the contract's four words (docs/lookup.md). */
    static LineType lineType(String type) {
        return switch (type) {
            case "landline" -> LineType.LANDLINE;
            case "fixedVoip", "nonFixedVoip" -> LineType.VOIP;
            case "tollFree", "premium", "sharedCost", "uan", "voicemail", "pager" -> LineType.LANDLINE;
            // mobile, and what cannot be told from it: "personal", "unknown".
            default -> LineType.MOBILE;
        };
    }

    /** Twilio's error, as {@code {"code","message","more_info","status"}} gives it. */
    private static String error(OutboundResponse response) {
        JsonNode body = ProviderJson.lenient(response);
        String message = ProviderJson.text(body, "message");
        String code = ProviderJson.text(body, "code");
        return message == null ? "" : ": " + message + (code == null ? "" : " (" + code + ")");
    }
}
