package org.civicast.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.civicast.platform.db.Database;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issuing short links for a send: in bulk, one per recipient and project, again the same ones. */
class ShortLinksIssueTest {
    static TestServer server;
    static ShortLinks links;
    static Database db;
    static String org;
    static String domain;
    static String pending;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        links = server.civicast().service(ShortLinks.class);
        db = server.civicast().database();
        org = server.rootOrganizationId();
        domain = LinkVisits.domain(server.root(), "send.example.org", "active");
        pending = LinkVisits.domain(server.root(), "pending.example.org", "pending");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static LinkTracking appending(String domainId) {
        return new LinkTracking(domainId, "https://example.org/donate?src=sms", "ref", null);
    }

    static List<LinkRecipient> recipients(long first, int count) {
        List<LinkRecipient> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new LinkRecipient(first + i, Map.of("ref", "r" + i)));
        return out;
    }

    static String destination(String code) {
        return db.read(h -> h.createQuery("SELECT destination FROM short_links WHERE code = :c").bind("c", code)
                .mapTo(String.class).findOne().orElse(null));
    }

    static long rows(String projectId) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM short_links WHERE project_id = :p").bind("p", projectId)
                .mapTo(Long.class).one());
    }

    @Test
    void aHundredThousandRecipientsInOneCallAndTheSameCodesWhenIssuedAgain() {
        int n = 100_000;
        List<LinkRecipient> recipients = recipients(12025500000L, n);
        long started = System.nanoTime();
        List<ShortLink> first = db.tx(h -> links.issue(org, "proj_bulk", appending(domain), recipients));
        long firstMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(n, first.size());
        Set<String> codes = new HashSet<>();
        for (ShortLink link : first) {
            assertTrue(ShortLinkCodes.wellFormed(link.code()), link.code());
            assertEquals("https://send.example.org/" + link.code(), link.url());
            codes.add(link.code());
        }
        assertEquals(n, codes.size(), "every recipient has a code of its own");
        assertEquals(n, rows("proj_bulk"));
        assertEquals("https://example.org/donate?src=sms&ref=r12345", destination(first.get(12345).code()),
                "each link goes where its own recipient's values say, in the order given");

        // A send restarted after a crash: the same recipients in another order, and some new ones.
        List<LinkRecipient> again = new ArrayList<>(recipients.subList(0, 50_000));
        Collections.shuffle(again, new Random(7));
        again.addAll(recipients(12025700000L, 1_000));
        started = System.nanoTime();
        List<ShortLink> second = links.issue(org, "proj_bulk", appending(domain), again);
        long secondMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("short links: issued %,d in %,d ms; again %,d (1,000 new) in %,d ms%n",
                n, firstMs, again.size(), secondMs);

        for (int i = 0; i < 50_000; i++) {
            int original = (int) (again.get(i).phone() - 12025500000L);
            assertEquals(first.get(original).code(), second.get(i).code(), "the same recipient keeps its link");
        }
        assertEquals(n + 1_000, rows("proj_bulk"));
        Set<String> all = new HashSet<>(codes);
        second.forEach(link -> all.add(link.code()));
        assertEquals(n + 1_000, all.size(), "the new recipients' codes are new");
    }

    @Test
    void aNumberListedTwiceGetsOneLinkAndEachProjectItsOwn() {
        List<LinkRecipient> twice = List.of(new LinkRecipient(13125550100L, Map.of("ref", "a")),
                new LinkRecipient(13125550101L, Map.of("ref", "b")), new LinkRecipient(13125550100L, Map.of("ref", "c")));
        List<ShortLink> issued = links.issue(org, "proj_twice", appending(domain), twice);
        assertEquals(issued.get(0), issued.get(2));
        assertNotEquals(issued.get(0), issued.get(1));
        assertEquals(2, rows("proj_twice"));
        assertEquals("https://example.org/donate?src=sms&ref=a", destination(issued.get(0).code()), "the first row wins");

        List<ShortLink> other = links.issue(org, "proj_twice_other", appending(domain), twice.subList(0, 1));
        assertNotEquals(issued.get(0).code(), other.get(0).code());
    }

    @Test
    void linksOfARolledBackSendAreGone() {
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            links.issue(org, "proj_rollback", appending(domain), recipients(14155550100L, 10));
            throw new IllegalStateException("the send failed");
        }));
        assertEquals(0, rows("proj_rollback"));
        assertEquals(10, links.issue(org, "proj_rollback", appending(domain), recipients(14155550100L, 10)).size());
        assertEquals(10, rows("proj_rollback"));
    }

    @Test
    void onlyAnActiveDomainIssuesLinks() {
        assertThrows(ShortLinks.UnavailableDomain.class,
                () -> links.issue(org, "proj_pending", appending(pending), recipients(16175550100L, 3)));
        assertThrows(ShortLinks.UnavailableDomain.class,
                () -> links.issue(org, "proj_pending", appending("td_missing"), recipients(16175550100L, 3)));
        assertThrows(IllegalArgumentException.class, () -> links.issue(org, "proj_pending",
                new LinkTracking(domain, "https://{site}", "site", null), recipients(16175550100L, 3)));
        assertEquals(0, rows("proj_pending"));
    }

    @Test
    void aTestSendHasItsOwnLinksThatFollowTheCurrentSettings() {
        LinkRecipient phone = new LinkRecipient(12125550100L, Map.of("ref", "x"));
        ShortLink sent = links.issue(org, "proj_tests", appending(domain), List.of(phone)).getFirst();
        ShortLink tested = links.issueForTest(org, "proj_tests", appending(domain), List.of(phone)).getFirst();
        assertNotEquals(sent.code(), tested.code(), "a test is counted apart from the send");

        LinkTracking changed = new LinkTracking(domain, "https://example.org/v2/{ref}", "ref", null);
        ShortLink retested = links.issueForTest(org, "proj_tests", changed, List.of(phone)).getFirst();
        assertEquals(tested.code(), retested.code());
        assertEquals("https://example.org/v2/x", destination(tested.code()), "a test link follows the settings of the last test");
        assertEquals("https://example.org/donate?src=sms&ref=x", destination(sent.code()), "a sent link never changes");
        assertEquals(sent, links.issue(org, "proj_tests", changed, List.of(phone)).getFirst());
        assertEquals("https://example.org/donate?src=sms&ref=x", destination(sent.code()));
    }

    @Test
    void aCodeAlreadyTakenIsDrawnAgain() {
        java.util.Iterator<String> draws = List.of("Taken000", "Taken000", "Taken000", "Fresh001").iterator();
        ShortLinks scripted = new ShortLinks(db, server.civicast().service(org.civicast.platform.events.Events.class),
                java.time.Clock.systemUTC(), () -> draws::next);
        assertEquals("Taken000", scripted.issue(org, "proj_draws", appending(domain),
                List.of(new LinkRecipient(15035550100L))).getFirst().code());
        ShortLink second = scripted.issue(org, "proj_draws", appending(domain),
                List.of(new LinkRecipient(15035550101L))).getFirst();
        assertEquals("Fresh001", second.code(), "drawn until free");
        assertFalse(draws.hasNext());
        assertEquals(2, rows("proj_draws"));
    }

    @Test
    void theMessageThatCarriedEachLinkIsRecorded() {
        List<ShortLink> issued = links.issue(org, "proj_messages", appending(domain), recipients(13035550100L, 3));
        links.recordMessages(Map.of(issued.get(0).code(), "msg_a", issued.get(2).code(), "msg_c"));
        List<String> ids = issued.stream().map(l -> db.read(h -> h.createQuery(
                "SELECT message_id FROM short_links WHERE code = :c").bind("c", l.code()).mapTo(String.class).one())).toList();
        assertEquals("msg_a", ids.get(0));
        assertNull(ids.get(1));
        assertEquals("msg_c", ids.get(2));
    }
}
