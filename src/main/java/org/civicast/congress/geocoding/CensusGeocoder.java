package org.civicast.congress.geocoding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.congress.District;
import org.civicast.congress.States;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundException;
import org.civicast.platform.outbound.OutboundPolicy;
import org.civicast.platform.outbound.OutboundRequest;
import org.civicast.platform.outbound.OutboundResponse;

/**
 * The US Census Bureau's geocoder (no key, no charge): {@code GET
 * {base}/geocoder/geographies/address} with the address in parts, the current address ranges
 * ({@code benchmark=Public_AR_Current}) and the current geographies
 * ({@code vintage=Current_Current}).
 *
 * <p>The district comes from the layer whose name contains "Congressional Districts" ("119th
 * Congressional Districts" today; the number changes with each Congress, and so do the layer's
 * numeric id and its {@code CD119} field). Its {@code GEOID} is the state's FIPS code and the
 * two-digit district: {@code 00} for an at-large seat, {@code 98} for a delegate or resident
 * commissioner (both district 0 here), {@code ZZ} for no district (water), which places nothing.
 * Because neither the name nor the id of that layer is stable, the request asks for
 * {@code layers=all} and picks the layer by name: a larger answer (a few tens of kilobytes) in
 * exchange for not breaking when a new Congress is seated.
 *
 * <p>Every match must lie in the same district: an address the service matches in two places,
 * or whose match lacks the layer, is not placed (a letter to the wrong office is worse than
 * asking the supporter). The whole exchange gives up after {@link #TIMEOUT}.
 */
public final class CensusGeocoder implements Geocoder {
    public static final URI DEFAULT_BASE_URL = URI.create("https://geocoding.geo.census.gov");
    static final String PATH = "/geocoder/geographies/address";
    static final String BENCHMARK = "Public_AR_Current";
    static final String VINTAGE = "Current_Current";
    static final String LAYERS = "all";
    /** For the connection and the whole answer together. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:-?\\d{4})?");
    private static final Pattern GEOID = Pattern.compile("(\\d{2})(\\d{2}|ZZ)");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+)");

    private final URI baseUrl;
    private final Outbound outbound;

    /** The Census Bureau's own service: https only, public addresses only. */
    public CensusGeocoder() {
        this(DEFAULT_BASE_URL);
    }

    /**
     * A service at another base URL (a proxy, a test server): that host is allowed even on a
     * private network, and plain http only on a loopback address.
     */
    public CensusGeocoder(URI baseUrl) {
        this(baseUrl, new Outbound(policyFor(baseUrl)));
    }

    /** With a client of the caller's choosing (its timeouts and limits apply). */
    public CensusGeocoder(URI baseUrl, Outbound outbound) {
        this.baseUrl = checked(baseUrl);
        this.outbound = Objects.requireNonNull(outbound);
    }

    static OutboundPolicy policyFor(URI baseUrl) {
        boolean census = "https".equalsIgnoreCase(checked(baseUrl).getScheme())
                && DEFAULT_BASE_URL.getHost().equalsIgnoreCase(baseUrl.getHost());
        OutboundPolicy policy = census ? OutboundPolicy.defaults() : OutboundPolicy.forEndpoint(baseUrl);
        // The exchange's deadline is the connect timeout plus the answer's, counted from the start.
        return policy.withTimeouts(CONNECT_TIMEOUT, TIMEOUT.minus(CONNECT_TIMEOUT));
    }

    OutboundPolicy policy() {
        return outbound.policy();
    }

    @Override
    public Optional<District> district(Address address) {
        if (address == null || !address.placeable()) return Optional.empty();
        URI uri = requestUri(address);
        OutboundResponse response;
        try {
            response = outbound.send(OutboundRequest.get(uri).withHeader("Accept", "application/json"));
        } catch (OutboundException e) {
            throw new GeocoderUnavailable("the Census geocoder at " + where() + " gave no answer: " + e.getMessage(),
                    e.temporary(), e);
        }
        int status = response.status();
        if (status >= 500 || status == 429 || status == 408) {
            throw new GeocoderUnavailable("the Census geocoder at " + where() + " answered HTTP " + status, true);
        }
        if (!response.successful()) {
            throw new GeocoderUnavailable("the Census geocoder at " + where() + " answered HTTP " + status
                    + errors(response.text()), false);
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new GeocoderUnavailable("the Census geocoder at " + where() + " answered something other than JSON"
                    + (e instanceof JsonProcessingException j ? ": " + j.getOriginalMessage() : ""), false, e);
        }
        JsonNode matches = root == null ? null : root.path("result").path("addressMatches");
        if (matches == null || !matches.isArray()) {
            throw new GeocoderUnavailable("the Census geocoder at " + where()
                    + " answered without result.addressMatches" + errors(response.text()), false);
        }
        return placed(matches);
    }

    URI requestUri(Address address) {
        StringBuilder query = new StringBuilder();
        parameter(query, "street", address.street());
        parameter(query, "city", address.city());
        parameter(query, "state", address.state());
        parameter(query, "zip", fiveDigits(address.zip()));
        parameter(query, "benchmark", BENCHMARK);
        parameter(query, "vintage", VINTAGE);
        parameter(query, "layers", LAYERS);
        parameter(query, "format", "json");
        return URI.create(base() + PATH + "?" + query);
    }

    /** The district every match lies in, if they agree and each has one. */
    static Optional<District> placed(JsonNode matches) {
        District found = null;
        for (JsonNode match : matches) {
            Optional<District> district = districtOf(match.path("geographies"));
            if (district.isEmpty()) return Optional.empty();
            if (found != null && !found.equals(district.get())) return Optional.empty();
            found = district.get();
        }
        return Optional.ofNullable(found);
    }

    /** From the newest "… Congressional Districts" layer of one match. */
    static Optional<District> districtOf(JsonNode geographies) {
        if (!geographies.isObject()) return Optional.empty();
        String layer = null;
        int newest = -1;
        for (Iterator<String> names = geographies.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.toLowerCase(Locale.ROOT).contains("congressional districts")) continue;
            Matcher number = LEADING_NUMBER.matcher(name);
            int congress = number.find() ? Integer.parseInt(number.group(1)) : 0;
            if (congress > newest) {
                layer = name;
                newest = congress;
            }
        }
        if (layer == null) return Optional.empty();
        Set<District> districts = new HashSet<>();
        for (JsonNode record : geographies.get(layer)) {
            Optional<District> district = fromGeoid(record.path("GEOID").asText(""));
            if (district.isEmpty()) return Optional.empty();
            districts.add(district.get());
        }
        return districts.size() == 1 ? Optional.of(districts.iterator().next()) : Optional.empty();
    }

    /** {@code 0102} → AL-2; {@code 0200} → AK-0; {@code 1198} → DC-0; {@code 06ZZ} → nothing. */
    static Optional<District> fromGeoid(String geoid) {
        Matcher m = GEOID.matcher(geoid.strip());
        if (!m.matches() || m.group(2).equals("ZZ")) return Optional.empty();
        int number = Integer.parseInt(m.group(2));
        int district = number == 98 ? 0 : number;
        return States.byFips(m.group(1)).map(state -> new District(state, district));
    }

    private static void parameter(StringBuilder query, String name, String value) {
        if (value == null) return;
        if (!query.isEmpty()) query.append('&');
        // %20 rather than +: a space the way every server reads it.
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The Census matches on the five-digit ZIP; anything else is passed on as it was given. */
    private static String fiveDigits(String zip) {
        if (zip == null) return null;
        Matcher m = ZIP.matcher(zip);
        return m.matches() ? m.group(1) : zip;
    }

    /** The service's own words from an error answer ({@code {"errors": ["…"], "status": "400"}}), shortened. */
    private static String errors(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (!errors.isArray() || errors.isEmpty()) return "";
            StringBuilder text = new StringBuilder();
            for (JsonNode error : errors) text.append(text.isEmpty() ? "" : "; ").append(error.asText());
            return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    private String base() {
        return baseUrl.toString().replaceAll("/+$", "");
    }

    /** Scheme, host and path: never the query, which holds the address. */
    private String where() {
        return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + (baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath());
    }

    private static URI checked(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the geocoder's base URL must be an http(s) URL with a host and no query: "
                    + baseUrl);
        }
        return baseUrl;
    }
}
