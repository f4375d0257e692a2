package org.civicast.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.civicast.testing.MutableClock;
import org.civicast.testing.RawHttps;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tracking domains serve their short links and nothing else; the API's hosts serve no short link. */
class ShortLinkRedirectTest {
    static final String GO = "go.example.org";
    static final String OTHER = "other.example.org";
    static final String PAUSED = "paused.example.org";
    static final String API_HOST = "api.civicast.test";
    static MutableClock clock;
    static TestServer server;
    static ShortLinks links;
    static String org;
    static String goId;
    static ShortLink link;

    @BeforeAll
    static void start() {
        clock = MutableClock.systemNow();
        server = TestServer.start(Map.of("CIVICAST_PUBLIC_BASE_URL", "https://" + API_HOST), clock);
        links = server.civicast().service(ShortLinks.class);
        org = server.rootOrganizationId();
        goId = LinkVisits.domain(server.root(), GO, "active");
        LinkVisits.domain(server.root(), OTHER, "active");
        link = links.issue(org, "proj_go", new LinkTracking(goId, "https://example.org/donate#form", "phone", null),
                List.of(new LinkRecipient(12025550143L))).getFirst();
        assertEquals(302, LinkVisits.domainsReread(server, clock, GO, "/" + link.code(), a -> a.status() == 302).status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long clicks(String code) {
        return server.civicast().database().read(h -> h.createQuery("SELECT clicks FROM short_links WHERE code = :c")
                .bind("c", code).mapTo(Long.class).one());
    }

    static void assertNotValidPage(RawHttps.Answer answer) {
        assertEquals(404, answer.status(), answer.toString());
        assertTrue(answer.header("Content-Type").startsWith("text/html"), answer.toString());
        assertTrue(answer.body().contains("This link is not valid"), answer.body());
        assertNoApiHeaders(answer);
    }

    static void assertNoApiHeaders(RawHttps.Answer answer) {
        for (String header : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "WWW-Authenticate")) {
            assertNull(answer.header(header), header + " in " + answer);
        }
    }

    @Test
    void aClickIsRedirectedWith302ToItsRecipientsDestination() {
        RawHttps.Answer answer = LinkVisits.get(server, GO, "/" + link.code());
        assertEquals(302, answer.status(), answer.toString());
        assertEquals("https://example.org/donate?phone=%2B12025550143#form", answer.header("Location"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("no-referrer", answer.header("Referrer-Policy"));
        assertEquals("", answer.body());
        assertNoApiHeaders(answer);
        // The Host as browsers and proxies may write it: with a port, in capitals, with a final dot.
        for (String host : List.of(GO + ":443", "Go.Example.ORG", GO + ".")) {
            assertEquals(302, LinkVisits.get(server, host, "/" + link.code()).status(), host);
        }
        assertEquals(302, LinkVisits.get(server, GO, "/" + link.code() + "/").status(), "with a trailing slash");
        assertEquals(302, LinkVisits.get(server, GO, "/" + link.code() + "?utm=x").status(), "with a query");
    }

    @Test
    void anUnknownCodeOrAnotherDomainsCodeIsANotValidPage() {
        long before = clicks(link.code());
        assertNotValidPage(LinkVisits.get(server, GO, "/zzzzzzzz"));
        assertNotValidPage(LinkVisits.get(server, GO, "/" + link.code().toLowerCase() + "x"));
        assertNotValidPage(LinkVisits.get(server, GO, "/"));
        assertNotValidPage(LinkVisits.get(server, GO, "/" + link.code() + "/more"));
        assertNotValidPage(LinkVisits.get(server, OTHER, "/" + link.code()));
        assertEquals(before, clicks(link.code()));
    }

    @Test
    void theApiIsNotReachableOnATrackingDomain() {
        RawHttps.Answer api = LinkVisits.send(server, "GET", GO, "/v1/organizations", LinkVisits.PHONE_BROWSER,
                "X-API-Key: " + server.rootKey());
        assertNotValidPage(api);
        assertTrue(!api.body().contains("\"data\"") && !api.body().contains("\"error\""), api.body());
        for (String path : List.of("/healthz", "/v1/openapi.json", "/media/abc/file.png", "/metrics")) {
            assertNotValidPage(LinkVisits.get(server, GO, path));
        }
        RawHttps.Answer post = LinkVisits.send(server, "POST", GO, "/v1/organizations", LinkVisits.PHONE_BROWSER,
                "X-API-Key: " + server.rootKey(), "Content-Type: application/json", "Content-Length: 0");
        assertEquals(405, post.status(), post.toString());
        assertEquals("GET, HEAD", post.header("Allow"));
        assertTrue(post.header("Content-Type").startsWith("text/html"));
        assertEquals(1, server.root().get("/v1/organizations").data().size(), "nothing was created");
    }

    @Test
    void theApiHostServesNoShortLink() {
        long before = clicks(link.code());
        RawHttps.Answer answer = LinkVisits.get(server, "localhost", "/" + link.code());
        assertEquals(404, answer.status(), answer.toString());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.toString());
        assertTrue(answer.body().contains("NOT_FOUND"), answer.body());
        assertNull(answer.header("Location"));
        assertEquals(before, clicks(link.code()));
        assertEquals(404, LinkVisits.get(server, "api.example.net", "/" + link.code()).status(), "nor any other host");
    }

    @Test
    void theServersOwnPublicHostIsNeverATrackingDomain() {
        String id = LinkVisits.domain(server.root(), API_HOST, "active");
        try {
            LinkVisits.domainsReread(server, clock, GO, "/" + link.code(), a -> a.status() == 302);
            RawHttps.Answer api = LinkVisits.send(server, "GET", API_HOST, "/v1/organizations", LinkVisits.PHONE_BROWSER,
                    "X-API-Key: " + server.rootKey());
            assertEquals(200, api.status(), api.toString());
            assertTrue(api.body().contains("\"data\""), api.body());
        } finally {
            server.root().delete("/v1/tracking-domains/" + id);
        }
    }

    @Test
    void plainHttpToATrackingDomainIsSentToItsHttpsAddress() {
        RawHttps.Answer answer = LinkVisits.sendPlain(server, "GET", GO, "/" + link.code() + "?a=1");
        assertEquals(308, answer.status(), answer.toString());
        assertEquals("https://" + GO + "/" + link.code() + "?a=1", answer.header("Location"));
    }

    @Test
    void aDomainThatStopsBeingActiveStopsServingItsLinksWithinAMinute() {
        String pausedId = LinkVisits.domain(server.root(), PAUSED, "active");
        ShortLink paused = links.issue(org, "proj_paused", new LinkTracking(pausedId, "https://example.org/p", null, null),
                List.of(new LinkRecipient(12025550199L))).getFirst();
        String path = "/" + paused.code();
        assertEquals(302, LinkVisits.domainsReread(server, clock, PAUSED, path, a -> a.status() == 302).status());
        assertEquals(302, LinkVisits.get(server, PAUSED, path).status());
        assertEquals(1, clicks(paused.code()));

        assertEquals(200, server.root().patch("/v1/tracking-domains/" + pausedId, Map.of("status", "pending")).status());
        assertEquals(404, LinkVisits.domainsReread(server, clock, PAUSED, path, a -> a.status() != 302).status());
        assertNotValidPage(LinkVisits.get(server, PAUSED, path));
        assertEquals(1, clicks(paused.code()), "no click counted on an inactive domain");

        assertEquals(200, server.root().patch("/v1/tracking-domains/" + pausedId, Map.of("status", "active")).status());
        assertEquals(302, LinkVisits.domainsReread(server, clock, PAUSED, path, a -> a.status() == 302).status());

        assertEquals(200, server.root().delete("/v1/tracking-domains/" + pausedId).status());
        RawHttps.Answer deleted = LinkVisits.domainsReread(server, clock, PAUSED, path,
                a -> !LinkVisits.fromTrackingDomain(a));
        assertEquals(404, deleted.status(), "a deleted domain's host is the API's again: " + deleted);
        assertTrue(deleted.header("Content-Type").startsWith("application/json"), deleted.toString());
        assertNull(deleted.header("Location"));
    }
}
