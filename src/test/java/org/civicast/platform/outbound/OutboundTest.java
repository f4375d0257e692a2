package org.civicast.platform.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civicast.platform.outbound.OutboundException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboundTest {
    private static final byte[] TWO_MIB = new byte[2 << 20];
    private static final List<String> HOSTS_SEEN = new CopyOnWriteArrayList<>();
    private static HttpServer http;
    private static HttpsServer https;
    private static TestCertificates certificates;

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.forName("localhost");
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(certificates.server()));
        for (HttpServer server : List.of(http, https)) {
            server.createContext("/hello", exchange -> {
                HOSTS_SEEN.add(exchange.getRequestHeaders().getFirst("Host"));
                reply(exchange, 200, "hello".getBytes(StandardCharsets.UTF_8));
            });
            server.createContext("/echo", exchange -> reply(exchange, 201,
                    (exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8)));
            server.createContext("/big", exchange -> reply(exchange, 200, TWO_MIB));
            server.createContext("/big-chunked", exchange -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 32; i++) out.write(new byte[64 * 1024]);
                } catch (IOException ignored) {
                    // the client hung up once it had enough
                }
            });
            server.createContext("/slow", exchange -> {
                sleep(3000);
                reply(exchange, 200, "late".getBytes(StandardCharsets.UTF_8));
            });
            server.createContext("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"));
            server.createContext("/to-hello", redirect("/hello"));
            server.createContext("/see-other", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", "/echo");
                reply(exchange, 303, new byte[0]);
            });
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }
    }

    @AfterAll
    static void stopServers() {
        http.stop(0);
        https.stop(0);
    }

    private static HttpHandler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            reply(exchange, 302, new byte[0]);
        };
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException ignored) {
            // the client hung up once it had enough
        }
    }

    private static URI plain(String path) {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    private static URI secure(String host, String path) {
        return URI.create("https://" + host + ":" + https.getAddress().getPort() + path);
    }

    /** Plain http to the local test server, which the policy must allow-list to reach at all. */
    private static Outbound local(OutboundPolicy policy) {
        return new Outbound(policy.withRequireHttps(false).withAllowedHosts(Set.of("127.0.0.1")));
    }

    private static Reason refusal(Outbound client, URI uri) {
        return assertThrows(OutboundException.class, () -> client.send(OutboundRequest.get(uri))).reason();
    }

    private static Resolver pointing(Map<String, List<String>> names) {
        return host -> {
            List<String> addresses = names.get(host);
            if (addresses == null) throw new UnknownHostException(host);
            List<InetAddress> resolved = new java.util.ArrayList<>();
            for (String a : addresses) resolved.add(InetAddress.getByName(a));
            return resolved;
        };
    }

    @Test
    void refusesLoopbackPrivateLinkLocalAndOtherNonPublicAddresses() {
        int before = HOSTS_SEEN.size();
        Outbound client = new Outbound(OutboundPolicy.defaults().withRequireHttps(false));
        for (String url : List.of(
                plain("/hello").toString(),
                "http://localhost:" + http.getAddress().getPort() + "/hello",
                "http://[::1]:" + http.getAddress().getPort() + "/hello",
                "http://[::ffff:127.0.0.1]/",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/",
                "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/",
                "http://[fd00:ec2::254]/", "http://[fe80::1]/", "http://[ff02::1]/", "http://[::]/",
                "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/")) {
            assertEquals(Reason.REFUSED_DESTINATION, refusal(client, URI.create(url)), url);
        }
        assertEquals(before, HOSTS_SEEN.size(), "nothing was sent");
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() {
        Outbound client = new Outbound(OutboundPolicy.defaults().withRequireHttps(false), pointing(Map.of(
                "rebound.example.test", List.of("127.0.0.1"),
                "mixed.example.test", List.of("93.184.216.34", "10.0.0.7"))));
        assertEquals(Reason.REFUSED_DESTINATION, refusal(client, URI.create("http://rebound.example.test/")));
        assertEquals(Reason.REFUSED_DESTINATION, refusal(client, URI.create("http://mixed.example.test/")));
        assertEquals(Reason.UNRESOLVABLE, refusal(client, URI.create("http://nowhere.example.test/")));
    }

    @Test
    void plainHttpIsRefusedByDefaultBeforeAnyLookup() {
        Outbound client = new Outbound(OutboundPolicy.defaults(), host -> {
            throw new AssertionError("looked up " + host);
        });
        assertEquals(Reason.REFUSED_URL, refusal(client, URI.create("http://example.com/")));
        assertEquals(Reason.REFUSED_URL, refusal(client, URI.create("ftp://example.com/")));
        assertEquals(Reason.REFUSED_URL, refusal(client, URI.create("https://user:pw@example.com/")));
        assertEquals(Reason.REFUSED_URL, refusal(client, URI.create("/relative")));
    }

    @Test
    void anAllowListedHostIsReachedOverVerifiedTls() throws Exception {
        Outbound client = new Outbound(OutboundPolicy.defaults().withTls(certificates.client())
                .withAllowedHosts(Set.of("localhost")));
        OutboundResponse response = client.send(OutboundRequest.get(secure("localhost", "/hello")));
        assertEquals(200, response.status());
        assertEquals("hello", response.text());
        assertEquals("localhost:" + https.getAddress().getPort(), HOSTS_SEEN.get(HOSTS_SEEN.size() - 1));
    }

    @Test
    void theCertificateMustNameTheHostOfTheUrl() {
        // The same server and certificate, reached under names the certificate does not carry.
        Outbound byAddress = new Outbound(OutboundPolicy.defaults().withTls(certificates.client())
                .withAllowedHosts(Set.of("127.0.0.1")));
        assertEquals(Reason.TLS_FAILED, refusal(byAddress, secure("127.0.0.1", "/hello")));
        Outbound byOtherName = new Outbound(OutboundPolicy.defaults().withTls(certificates.client())
                .withAllowedHosts(Set.of("other.example.test")),
                pointing(Map.of("other.example.test", List.of("127.0.0.1"))));
        assertEquals(Reason.TLS_FAILED, refusal(byOtherName, secure("other.example.test", "/hello")));
        Outbound untrusting = new Outbound(OutboundPolicy.defaults().withAllowedHosts(Set.of("localhost")));
        assertEquals(Reason.TLS_FAILED, refusal(untrusting, secure("localhost", "/hello")));
    }

    @Test
    void theConnectionGoesToTheCheckedAddressUnderTheNameOfTheUrl() throws Exception {
        Outbound client = new Outbound(OutboundPolicy.defaults().withRequireHttps(false)
                .withAllowedHosts(Set.of("api.example.test")),
                pointing(Map.of("api.example.test", List.of("127.0.0.1"))));
        URI uri = URI.create("http://api.example.test:" + http.getAddress().getPort() + "/hello");
        assertEquals("hello", client.send(OutboundRequest.get(uri)).text());
        assertEquals("api.example.test:" + http.getAddress().getPort(), HOSTS_SEEN.get(HOSTS_SEEN.size() - 1));
    }

    @Test
    void responsesOverTheSizeCapAreRefused() throws Exception {
        Outbound client = local(OutboundPolicy.defaults().withMaxResponseBytes(1 << 20));
        assertEquals(Reason.TOO_LARGE, refusal(client, plain("/big")));
        assertEquals(Reason.TOO_LARGE, refusal(client, plain("/big-chunked")));
        Outbound roomy = local(OutboundPolicy.defaults().withMaxResponseBytes(4 << 20));
        assertArrayEquals(TWO_MIB, roomy.send(OutboundRequest.get(plain("/big"))).body());
        assertEquals(2 << 20, roomy.send(OutboundRequest.get(plain("/big-chunked"))).body().length);
    }

    @Test
    void aStreamedBodyArrivesWholeAndKeepsTheSizeCap() throws Exception {
        Outbound roomy = local(OutboundPolicy.defaults().withMaxResponseBytes(4 << 20));
        for (String path : List.of("/big", "/big-chunked")) {
            try (OutboundStream response = roomy.open(OutboundRequest.get(plain(path)))) {
                assertEquals(200, response.status());
                long total = 0;
                byte[] buffer = new byte[8192];
                for (int n; (n = response.body().read(buffer)) != -1; ) total += n;
                assertEquals(2 << 20, total, path);
            }
        }
        Outbound tight = local(OutboundPolicy.defaults().withMaxResponseBytes(1 << 20));
        try (OutboundStream chunked = tight.open(OutboundRequest.get(plain("/big-chunked")))) {
            assertEquals(200, chunked.status(), "the head arrives; the cap bites while reading");
            OutboundException e = assertThrows(OutboundException.class, () -> chunked.body().readAllBytes());
            assertEquals(Reason.TOO_LARGE, e.reason());
        }
        assertEquals(Reason.TOO_LARGE, assertThrows(OutboundException.class,
                () -> tight.open(OutboundRequest.get(plain("/big")))).reason(), "a declared length over the cap");
    }

    @Test
    void aStreamFollowsRedirectsCheckingEachTarget() throws Exception {
        Outbound following = local(OutboundPolicy.defaults().withMaxRedirects(3));
        try (OutboundStream response = following.open(OutboundRequest.get(plain("/to-hello")))) {
            assertEquals(plain("/hello"), response.uri());
            assertEquals("hello", new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(Reason.REFUSED_DESTINATION, assertThrows(OutboundException.class,
                () -> following.open(OutboundRequest.get(plain("/to-metadata")))).reason());
    }

    @Test
    void anAllowListedNetworkAdmitsAnyNameResolvingIntoIt() throws Exception {
        Resolver names = pointing(Map.of("files.corp.test", List.of("127.0.0.1"), "other.corp.test", List.of("10.9.9.9"),
                "169.254.169.254", List.of("169.254.169.254")));
        Outbound client = new Outbound(OutboundPolicy.defaults().withRequireHttps(false)
                .withAllowedNetworks(List.of(org.civicast.platform.config.Cidr.parse("127.0.0.0/8"))), names);
        URI uri = URI.create("http://files.corp.test:" + http.getAddress().getPort() + "/hello");
        assertEquals("hello", client.send(OutboundRequest.get(uri)).text());
        assertEquals(Reason.REFUSED_DESTINATION, refusal(client, URI.create("http://other.corp.test/")),
                "a private address outside the listed block");
        assertEquals(Reason.REFUSED_DESTINATION, refusal(client, URI.create("http://169.254.169.254/")));
    }

    @Test
    void aSlowAnswerTimesOut() {
        Outbound client = local(OutboundPolicy.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        long started = System.nanoTime();
        OutboundException e = assertThrows(OutboundException.class, () -> client.send(OutboundRequest.get(plain("/slow"))));
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.temporary());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(2500)) < 0);
    }

    @Test
    void redirectsAreReturnedUnlessAllowedAndThenCheckedLikeTheFirstUrl() throws Exception {
        OutboundResponse unfollowed = local(OutboundPolicy.defaults()).send(OutboundRequest.get(plain("/to-hello")));
        assertEquals(302, unfollowed.status());

        Outbound following = local(OutboundPolicy.defaults().withMaxRedirects(3));
        OutboundResponse followed = following.send(OutboundRequest.get(plain("/to-hello")));
        assertEquals(200, followed.status());
        assertEquals(plain("/hello"), followed.uri());

        OutboundException refused = assertThrows(OutboundException.class,
                () -> following.send(OutboundRequest.get(plain("/to-metadata"))));
        assertEquals(Reason.REFUSED_DESTINATION, refused.reason());
        assertEquals("169.254.169.254", refused.uri().getHost());

        OutboundResponse seeOther = following.send(OutboundRequest.post(plain("/see-other"), "text/plain", "x"));
        assertEquals("GET null ", seeOther.text(), "303 continues as a GET without the body");
    }

    @Test
    void aPostCarriesItsBodyAndContentType() throws Exception {
        OutboundResponse response = local(OutboundPolicy.defaults())
                .send(OutboundRequest.post(plain("/echo"), "application/xml", "<a>é</a>"));
        assertEquals(201, response.status());
        assertEquals("POST application/xml <a>é</a>", response.text());
    }

    @Test
    void headersCannotSmuggleLinesOrFraming() {
        assertThrows(IllegalArgumentException.class,
                () -> OutboundRequest.get(plain("/")).withHeader("X-Test", "a\r\nHost: evil"));
        assertThrows(IllegalArgumentException.class, () -> OutboundRequest.get(plain("/")).withHeader("Host", "evil"));
        assertThrows(IllegalArgumentException.class,
                () -> OutboundRequest.get(plain("/")).withHeader("Content-Length", "0"));
        assertThrows(IllegalArgumentException.class, () -> OutboundRequest.get(plain("/")).withHeader("Bad Name", "x"));
    }

    @Test
    void aConfiguredEndpointIsAllowListedAndMayBePlainOnlyOnLoopback() {
        OutboundPolicy local = OutboundPolicy.forEndpoint(URI.create("http://127.0.0.1:9000/"));
        assertEquals(false, local.requireHttps());
        assertEquals(Set.of("127.0.0.1"), local.allowedHosts());
        OutboundPolicy remote = OutboundPolicy.forEndpoint(URI.create("http://cwc.example.test/"));
        assertEquals(true, remote.requireHttps());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
