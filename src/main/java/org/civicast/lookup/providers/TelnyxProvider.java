package org.civicast.lookup.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * Telnyx Number Lookup: {@code GET {base}/v2/number_lookup/{+E164}?type=carrier} with the API key
 * as a bearer token, one number per request. The answer's {@code data.carrier} gives the carrier
 * and its type ({@code mobile}, {@code fixed line}, {@code voip}, {@code toll free}, …), and for
 * North American numbers {@code data.portability} the LRN and whether the number was ported.
 *
 * <p>A number Telnyx reports as not valid ({@code valid_number: false}, or 404) is {@code invalid};
 * one it will not look up (422: a Canadian number on an account without Canadian data) is left
 * unanswered, neither cached nor billed.
 */
public final class TelnyxProvider implements LrnProvider {
    public static final URI BASE_URL = URI.create("https://api.telnyx.com");
    static final String NAME = "telnyx";
    static final String SERVICE = "Telnyx Number Lookup";

    private final String base;
    private final String apiKey;
    private final Clock clock;
    private final ProviderCalls calls;

    public TelnyxProvider(URI baseUrl, String apiKey, int concurrency, Clock clock) {
        this(baseUrl, apiKey, concurrency, clock, Thread::sleep);
    }

    TelnyxProvider(URI baseUrl, String apiKey, int concurrency, Clock clock, ProviderCalls.Pause pause) {
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.clock = clock;
        OutboundPolicy policy = OutboundPolicy.forEndpoint(baseUrl).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
        this.calls = new ProviderCalls(SERVICE, "CIVICAST_TELNYX_API_KEY", new Outbound(policy), concurrency, clock, pause);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, LineInfo> lookup(List<String> e164Numbers) {
        return calls.each(e164Numbers, number -> OutboundRequest.get(URI.create(base + "/v2/number_lookup/" + number + "?type=carrier"))
                .withHeader("Authorization", "Bearer " + apiKey).withHeader("Accept", "application/json"), this::read);
    }

    private Optional<LineInfo> read(String number, OutboundResponse response) {
        switch (response.status()) {
            case 200 -> { }
            case 404 -> {
                return Optional.of(LineInfo.invalid(number, NAME, clock.instant()));
            }
            case 400, 422 -> {
                return Optional.empty();
            }
            default -> throw new LookupFailure(SERVICE + " answered HTTP " + response.status() + error(response), false);
        }
        JsonNode data = ProviderJson.body(SERVICE, response).path("data");
        if (!data.isObject()) throw new LookupFailure(SERVICE + " answered without its data object", false);
        if (data.path("valid_number").isBoolean() && !data.path("valid_number").asBoolean()) {
            return Optional.of(LineInfo.invalid(number, NAME, clock.instant()));
        }
        JsonNode carrier = data.path("carrier");
        JsonNode portability = data.path("portability");
        String type = ProviderJson.text(carrier, "type");
        String name = ProviderJson.text(carrier, "name");
        String ported = ProviderJson.text(portability, "ported_status");
        return Optional.of(new LineInfo(number,
                lineType(type != null ? type : ProviderJson.text(portability, "line_type")),
                name != null ? name : ProviderJson.text(portability, "spid_carrier_name"),
                ProviderJson.lrn(ProviderJson.text(portability, "lrn")),
                "Y".equalsIgnoreCase(ported) ? Boolean.TRUE : "N".equalsIgnoreCase(ported) ? Boolean.FALSE : null,
                NAME, clock.instant()));
    }

    /** Telnyx's line types in the contract's four words (docs/lookup.md). */
    static LineType lineType(String type) {
        if (type == null) return LineType.MOBILE;
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "fixed line", "landline" -> LineType.LANDLINE;
            case "voip" -> LineType.VOIP;
            case "toll free", "premium rate", "shared cost", "uan", "voicemail", "pager" -> LineType.LANDLINE;
            // mobile, and what cannot be told from it: "fixed line or mobile", "personal number", "unknown".
            default -> LineType.MOBILE;
        };
    }

    /** Telnyx's first error, as {@code {"errors":[{"code","title","detail"}]}} gives it. */
    private static String error(OutboundResponse response) {
        JsonNode first = ProviderJson.lenient(response).path("errors").path(0);
        String code = ProviderJson.text(first, "code");
        String detail = ProviderJson.text(first, "detail");
        if (detail == null) detail = ProviderJson.text(first, "title");
        return detail == null ? "" : ": " + detail + (code == null ? "" : " (" + code + ")");
    }
}
