package org.civicast.congress.geocoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.civicast.congress.District;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CensusGeocoder} against a server on the loopback address that answers as the Census
 * geocoder does. The fixtures follow the service's answer format; the first path segment of the
 * base URL picks the answer, so each test has a geocoder of its own.
 */
class CensusGeocoderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/congress/geocoding");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Address CAPITOL = new Address("400 S Union St", "Montgomery", "AL", "36104");
    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    private static HttpServer server;
    private static byte[] montgomery;
    private static byte[] noMatch;
    private static byte[] withoutDistrict;

    record Seen(String method, String path, String rawQuery, String accept) {}

    @BeforeAll
    static void start() throws IOException {
        montgomery = Files.readAllBytes(FIXTURES.resolve("montgomery-al.json"));
        noMatch = Files.readAllBytes(FIXTURES.resolve("no-match.json"));
        withoutDistrict = Files.readAllBytes(FIXTURES.resolve("match-without-district.json"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", CensusGeocoderTest::answer);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        SEEN.add(new Seen(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders().getFirst("Accept")));
        String[] segments = uri.getRawPath().split("/");
        String scenario = segments.length > 1 ? segments[1] : "";
        String argument = segments.length > 2 ? segments[2] : "";
        switch (scenario) {
            case "match", "params" -> reply(exchange, 200, montgomery);
            case "no-match" -> reply(exchange, 200, noMatch);
            case "no-district" -> reply(exchange, 200, withoutDistrict);
            case "geoid" -> reply(exchange, 200, withGeoids(List.of(argument.split(","))));
            case "two-layers" -> reply(exchange, 200, twoLayers());
            case "empty-layer" -> reply(exchange, 200, withLayer(JSON.createArrayNode()));
            case "status" -> reply(exchange, Integer.parseInt(argument), Integer.parseInt(argument) == 400
                    ? "{\"errors\":[\"Specify House number and Street name.\"],\"status\":\"400\"}".getBytes(StandardCharsets.UTF_8)
                    : "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
            case "not-json" -> reply(exchange, 200, "<html><body>Down for maintenance</body></html>"
                    .getBytes(StandardCharsets.UTF_8));
            case "no-result" -> reply(exchange, 200, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            case "slow" -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, montgomery);
            }
            default -> reply(exchange, 404, new byte[0]);
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException ignored) {
            // the client gave up waiting
        }
    }

    /** The Montgomery answer with one match per GEOID, each in a district of that GEOID. */
    private static byte[] withGeoids(List<String> geoids) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(montgomery);
        ArrayNode matches = (ArrayNode) root.path("result").path("addressMatches");
        ObjectNode first = (ObjectNode) matches.get(0);
        matches.removeAll();
        for (String geoid : geoids) {
            ObjectNode match = first.deepCopy();
            ObjectNode district = (ObjectNode) match.path("geographies").path("119th Congressional Districts").get(0);
            district.put("GEOID", geoid).put("STATE", geoid.substring(0, 2)).put("CD119", geoid.substring(2));
            matches.add(match);
        }
        return JSON.writeValueAsBytes(root);
    }

    /** An older Congress's layer beside the current one, as a vintage in transition might answer. */
    private static byte[] twoLayers() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(montgomery);
        ObjectNode geographies = (ObjectNode) root.path("result").path("addressMatches").get(0).path("geographies");
        ObjectNode old = geographies.path("119th Congressional Districts").get(0).deepCopy();
        old.put("GEOID", "0107").put("CD118", "07").put("CDSESSN", "118").remove("CD119");
        // Before the current layer, so that order decides nothing.
        ObjectNode reordered = JSON.createObjectNode();
        reordered.putArray("118th Congressional Districts").add(old);
        reordered.setAll(geographies);
        ((ObjectNode) root.path("result").path("addressMatches").get(0)).set("geographies", reordered);
        return JSON.writeValueAsBytes(root);
    }

    private static byte[] withLayer(ArrayNode records) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(montgomery);
        ((ObjectNode) root.path("result").path("addressMatches").get(0).path("geographies"))
                .set("119th Congressional Districts", records);
        return JSON.writeValueAsBytes(root);
    }

    private static URI base(String scenario) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + scenario);
    }

    private static CensusGeocoder geocoder(String scenario) {
        return new CensusGeocoder(base(scenario));
    }

    private static Map<String, String> decoded(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static Seen lastAt(String scenario) {
        return SEEN.stream().filter(s -> s.path().startsWith("/" + scenario + "/")).reduce((a, b) -> b).orElseThrow();
    }

    // ---- the request

    @Test
    void theRequestCarriesTheAddressAndTheServiceParameters() {
        geocoder("params").district(CAPITOL);

        Seen seen = lastAt("params");
        assertEquals("GET", seen.method());
        assertEquals("/params/geocoder/geographies/address", seen.path());
        assertEquals("application/json", seen.accept());
        assertEquals(Map.of("street", "400 S Union St", "city", "Montgomery", "state", "AL", "zip", "36104",
                "benchmark", "Public_AR_Current", "vintage", "Current_Current", "layers", "all", "format", "json"),
                decoded(seen.rawQuery()));
        assertTrue(seen.rawQuery().startsWith("street=400%20S%20Union%20St&"), seen.rawQuery());
    }

    @Test
    void everyPartIsEncodedSoNoneCanAddParameters() {
        geocoder("params").district(new Address("12 Rue d'Été & Co #4", "Saint Paul?x=1", "MN", "55101"));

        Map<String, String> parameters = decoded(lastAt("params").rawQuery());
        assertEquals("12 Rue d'Été & Co #4", parameters.get("street"));
        assertEquals("Saint Paul?x=1", parameters.get("city"));
        assertEquals(8, parameters.size(), parameters.toString());
    }

    @Test
    void aZipPlusFourIsSentAsItsFiveDigitsAndMissingPartsAreLeftOut() {
        geocoder("params").district(new Address("400 S Union St", null, " ", "36104-3002"));

        Map<String, String> parameters = decoded(lastAt("params").rawQuery());
        assertEquals("36104", parameters.get("zip"));
        assertFalse(parameters.containsKey("city"));
        assertFalse(parameters.containsKey("state"));
    }

    @Test
    void theDefaultRequestGoesToTheCensusBureau() {
        assertEquals("https://geocoding.geo.census.gov/geocoder/geographies/address?street=400%20S%20Union%20St"
                + "&city=Montgomery&state=AL&zip=36104&benchmark=Public_AR_Current&vintage=Current_Current"
                + "&layers=all&format=json", new CensusGeocoder().requestUri(CAPITOL).toString());
    }

    @Test
    void anAddressWithTooLittleToGoOnIsNotSent() {
        // Nothing listens there: a request would fail rather than answer empty.
        CensusGeocoder geocoder = new CensusGeocoder(URI.create("http://127.0.0.1:" + closedPort()));

        assertEquals(Optional.empty(), geocoder.district(new Address(null, "Montgomery", "AL", "36104")));
        assertEquals(Optional.empty(), geocoder.district(new Address("400 S Union St", "Montgomery", null, null)));
        assertEquals(Optional.empty(), geocoder.district(null));
    }

    // ---- answers

    @Test
    void aMatchIsPlacedInItsDistrict() {
        assertEquals(Optional.of(new District("AL", 2)), geocoder("match").district(CAPITOL));
    }

    @Test
    void noMatchPlacesNothing() {
        assertEquals(Optional.empty(), geocoder("no-match").district(CAPITOL));
    }

    @Test
    void aMatchWithoutTheDistrictLayerPlacesNothing() {
        assertEquals(Optional.empty(), geocoder("no-district").district(CAPITOL));
        assertEquals(Optional.empty(), geocoder("empty-layer").district(CAPITOL));
    }

    @Test
    void atLargeAndDelegateSeatsAreDistrictZero() {
        assertEquals(Optional.of(new District("AK", 0)), geocoder("geoid/0200").district(CAPITOL));
        assertEquals(Optional.of(new District("DC", 0)), geocoder("geoid/1198").district(CAPITOL));
        assertEquals(Optional.of(new District("PR", 0)), geocoder("geoid/7298").district(CAPITOL));
        assertEquals(Optional.of(new District("NY", 21)), geocoder("geoid/3621").district(CAPITOL));
    }

    @Test
    void noDistrictOrAnUnknownStatePlacesNothing() {
        assertEquals(Optional.empty(), geocoder("geoid/06ZZ").district(CAPITOL));
        assertEquals(Optional.empty(), geocoder("geoid/0302").district(CAPITOL));
        assertEquals(Optional.empty(), geocoder("geoid/01x2").district(CAPITOL));
    }

    @Test
    void matchesInOneDistrictPlaceItAndMatchesInSeveralDoNot() {
        assertEquals(Optional.of(new District("AL", 2)), geocoder("geoid/0102,0102").district(CAPITOL));
        assertEquals(Optional.empty(), geocoder("geoid/0102,0107").district(CAPITOL));
    }

    @Test
    void theNewestCongressionalDistrictsLayerIsRead() {
        assertEquals(Optional.of(new District("AL", 2)), geocoder("two-layers").district(CAPITOL));
    }

    // ---- failures

    @Test
    void aServerErrorIsATemporaryUnavailability() {
        GeocoderUnavailable e = assertThrows(GeocoderUnavailable.class, () -> geocoder("status/503").district(CAPITOL));
        assertTrue(e.temporary());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertFalse(e.getMessage().contains("Union"), "the address stays out of messages: " + e.getMessage());
        assertTrue(assertThrows(GeocoderUnavailable.class, () -> geocoder("status/429").district(CAPITOL)).temporary());
    }

    @Test
    void aRefusedRequestIsUnavailableWithTheServicesReason() {
        GeocoderUnavailable e = assertThrows(GeocoderUnavailable.class, () -> geocoder("status/400").district(CAPITOL));
        assertFalse(e.temporary());
        assertTrue(e.getMessage().contains("HTTP 400: Specify House number and Street name."), e.getMessage());
    }

    @Test
    void noAnswerInTimeIsATemporaryUnavailability() {
        URI base = base("slow");
        Outbound quick = new Outbound(OutboundPolicy.forEndpoint(base)
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));
        long started = System.nanoTime();

        GeocoderUnavailable e = assertThrows(GeocoderUnavailable.class,
                () -> new CensusGeocoder(base, quick).district(CAPITOL));

        assertTrue(e.temporary());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0);
    }

    @Test
    void noServiceListeningIsATemporaryUnavailability() {
        CensusGeocoder geocoder = new CensusGeocoder(URI.create("http://127.0.0.1:" + closedPort()));

        assertTrue(assertThrows(GeocoderUnavailable.class, () -> geocoder.district(CAPITOL)).temporary());
    }

    @Test
    void anAnswerThatIsNotTheServicesJsonIsUnavailable() {
        GeocoderUnavailable notJson = assertThrows(GeocoderUnavailable.class,
                () -> geocoder("not-json").district(CAPITOL));
        assertFalse(notJson.temporary());
        assertTrue(notJson.getMessage().contains("other than JSON"), notJson.getMessage());

        GeocoderUnavailable noResult = assertThrows(GeocoderUnavailable.class,
                () -> geocoder("no-result").district(CAPITOL));
        assertTrue(noResult.getMessage().contains("without result.addressMatches"), noResult.getMessage());
    }

    // ---- the client

    @Test
    void theCensusBureauIsReachedOverHttpsOnPublicAddressesWithinFiveSeconds() {
        OutboundPolicy policy = CensusGeocoder.policyFor(CensusGeocoder.DEFAULT_BASE_URL);

        assertTrue(policy.requireHttps());
        assertEquals(Set.of(), policy.allowedHosts());
        assertEquals(Duration.ofSeconds(5), policy.connectTimeout().plus(policy.timeout()));
    }

    @Test
    void anotherBaseUrlIsAllowedAsAnOperatorsEndpoint() {
        OutboundPolicy local = geocoder("match").policy();
        assertFalse(local.requireHttps());
        assertEquals(Set.of("127.0.0.1"), local.allowedHosts());
        assertEquals(Duration.ofSeconds(5), local.connectTimeout().plus(local.timeout()));

        OutboundPolicy proxy = CensusGeocoder.policyFor(URI.create("http://geocoder.internal:8080/census"));
        assertTrue(proxy.requireHttps(), "plain http only on a loopback address");
    }

    @Test
    void aBaseUrlWithAQueryOrWithoutAHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CensusGeocoder(URI.create("https://example.org/?key=1")));
        assertThrows(IllegalArgumentException.class, () -> new CensusGeocoder(URI.create("file:///tmp/census")));
        assertThrows(IllegalArgumentException.class, () -> new CensusGeocoder(URI.create("geocoding.geo.census.gov")));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
