package org.civicast.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.testing.MutableClock;
import org.civicast.testing.RawHttps;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clicks counted in total and by recipient, previews not counted, each click one link.clicked event. */
class ClickCountingTest {
    static final String HOST = "click.example.org";
    static final String IMESSAGE_PREVIEW = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 "
            + "(KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0";
    static MutableClock clock;
    static TestServer server;
    static ShortLinks links;
    static Database db;
    static String org;
    static String domainId;

    @BeforeAll
    static void start() {
        clock = MutableClock.systemNow();
        server = TestServer.start(Map.of(), clock);
        links = server.civicast().service(ShortLinks.class);
        db = server.civicast().database();
        org = server.createOrganization(server.rootOrganizationId(), "Campaign");
        domainId = LinkVisits.domain(server.root(), HOST, "active");
        assertTrue(LinkVisits.fromTrackingDomain(
                LinkVisits.domainsReread(server, clock, HOST, "/", LinkVisits::fromTrackingDomain)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<ShortLink> issue(String projectId, long firstPhone, int count) {
        List<LinkRecipient> recipients = java.util.stream.LongStream.range(firstPhone, firstPhone + count)
                .mapToObj(LinkRecipient::new).toList();
        return links.issue(org, projectId, new LinkTracking(domainId, "https://example.org/act", "phone", null), recipients);
    }

    static int click(ShortLink link, String userAgent) {
        RawHttps.Answer answer = LinkVisits.send(server, "GET", HOST, "/" + link.code(), userAgent);
        assertEquals(302, answer.status(), answer.toString());
        return answer.status();
    }

    static List<JsonNode> events(String code) {
        return db.read(h -> h.createQuery("""
                SELECT data::text FROM events WHERE event_type = 'link.clicked' AND subject_id = :code ORDER BY id""")
                .bind("code", code).mapTo(String.class).list()).stream().map(ClickCountingTest::json).toList();
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static long clicks(String code) {
        return db.read(h -> h.createQuery("SELECT clicks FROM short_links WHERE code = :c").bind("c", code)
                .mapTo(Long.class).one());
    }

    @Test
    void clicksAreCountedInTotalAndUniqueByRecipient() {
        List<ShortLink> sent = issue("proj_counts", 12025550100L, 3);
        ShortLink tested = links.issueForTest(org, "proj_counts",
                new LinkTracking(domainId, "https://example.org/act", null, null), List.of(new LinkRecipient(19995550100L)))
                .getFirst();
        assertEquals(ClickCounts.NONE, links.counts("proj_counts"));

        Instant firstClick = clock.instant();
        click(sent.get(0), LinkVisits.PHONE_BROWSER);
        clock.advance(Duration.ofMinutes(5));
        click(sent.get(0), LinkVisits.PHONE_BROWSER);
        click(sent.get(0), "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36");
        click(sent.get(1), LinkVisits.PHONE_BROWSER);
        click(tested, LinkVisits.PHONE_BROWSER);
        click(tested, LinkVisits.PHONE_BROWSER);

        assertEquals(new ClickCounts(4, 2), links.counts("proj_counts"), "4 clicks by 2 of the 3 recipients");
        assertEquals(new ClickCounts(2, 1), links.testCounts("proj_counts"), "the test's clicks, apart");
        assertEquals(ClickCounts.NONE, links.counts("proj_never_sent"));
        assertEquals(Map.of("proj_counts", new ClickCounts(4, 2)), links.counts(List.of("proj_counts", "proj_never_sent")));
        Instant[] times = db.read(h -> h.createQuery(
                "SELECT first_clicked_at, last_clicked_at FROM short_links WHERE code = :c").bind("c", sent.get(0).code())
                .map((rs, ctx) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}).one());
        assertEquals(firstClick.toEpochMilli(), times[0].toEpochMilli(), "the first click stays the first");
        assertEquals(firstClick.plus(Duration.ofMinutes(5)).toEpochMilli(), times[1].toEpochMilli());
    }

    @Test
    void previewsAndHeadRequestsAreRedirectedButNotCounted() {
        ShortLink link = issue("proj_previews", 13125550100L, 1).getFirst();
        RawHttps.Answer head = LinkVisits.send(server, "HEAD", HOST, "/" + link.code(), LinkVisits.PHONE_BROWSER);
        assertEquals(302, head.status(), head.toString());
        assertEquals("https://example.org/act?phone=%2B13125550100", head.header("Location"));
        for (String previewer : List.of(IMESSAGE_PREVIEW, "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Twitterbot/1.0", "WhatsApp/2.23.20.0 A",
                "Mozilla/5.0 (compatible; Applebot/0.1; +http://www.apple.com/go/applebot)", "TelegramBot (like TwitterBot)",
                "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "curl/8.5.0", "Go-http-client/1.1")) {
            click(link, previewer);
        }
        click(link, null);
        assertEquals(ClickCounts.NONE, links.counts("proj_previews"));
        assertEquals(0, clicks(link.code()));
        assertEquals(List.of(), events(link.code()), "nothing reported for a preview");

        click(link, LinkVisits.PHONE_BROWSER);
        assertEquals(new ClickCounts(1, 1), links.counts("proj_previews"));
        assertEquals(1, events(link.code()).size());
    }

    @Test
    void eachCountedClickIsOneLinkClickedEventStoredWithIt() {
        List<ShortLink> sent = issue("proj_events", 14155550100L, 2);
        links.recordMessages(Map.of(sent.get(0).code(), "msg_events_0"));
        click(sent.get(0), LinkVisits.PHONE_BROWSER);
        click(sent.get(0), IMESSAGE_PREVIEW);
        click(sent.get(0), LinkVisits.PHONE_BROWSER);
        click(sent.get(1), LinkVisits.PHONE_BROWSER);

        List<JsonNode> first = events(sent.get(0).code());
        assertEquals(clicks(sent.get(0).code()), first.size(), "one event per counted click");
        assertEquals(2, first.size());
        assertEquals(1, events(sent.get(1).code()).size());
        JsonNode data = first.get(0);
        assertEquals(sent.get(0).code(), data.get("link_code").asText());
        assertEquals("https://" + HOST + "/" + sent.get(0).code(), data.get("short_url").asText());
        assertEquals("proj_events", data.get("project_id").asText());
        assertEquals("msg_events_0", data.get("message_id").asText());
        assertEquals("+14155550100", data.get("phone").asText());
        assertEquals("https://example.org/act?phone=%2B14155550100", data.get("url").asText());
        assertEquals(LinkVisits.PHONE_BROWSER, data.get("user_agent").asText());
        assertTrue(data.get("first_click").asBoolean());
        assertFalse(first.get(1).get("first_click").asBoolean());
        assertFalse(data.get("is_test").asBoolean());
        Instant.parse(data.get("clicked_at").asText());
        assertTrue(events(sent.get(1).code()).getFirst().get("message_id").isNull());
        assertEquals(org, db.read(h -> h.createQuery("SELECT DISTINCT organization_id FROM events WHERE subject_id = :c")
                .bind("c", sent.get(0).code()).mapTo(String.class).one()));

        // The click and its event commit together or not at all.
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            links.visit(domainId, HOST, sent.get(1).code(), true, LinkVisits.PHONE_BROWSER);
            throw new IllegalStateException("the click's transaction failed");
        }));
        assertEquals(1, clicks(sent.get(1).code()));
        assertEquals(1, events(sent.get(1).code()).size());
    }

    @Test
    void aClickWhoseEventCannotBeStoredIsNotCounted() {
        ShortLink link = issue("proj_refused_event", 16175550100L, 1).getFirst();
        db.tx(h -> h.execute("""
                CREATE FUNCTION refuse_click_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'event refused'; END $$;
                CREATE TRIGGER refuse_click_event BEFORE INSERT ON events FOR EACH ROW
                WHEN (NEW.subject_id = '%s') EXECUTE FUNCTION refuse_click_event();""".formatted(link.code())));
        try {
            RawHttps.Answer answer = LinkVisits.get(server, HOST, "/" + link.code());
            assertEquals(503, answer.status(), answer.toString());
            assertTrue(answer.header("Content-Type").startsWith("text/html"), answer.toString());
            assertEquals(0, clicks(link.code()), "the click went with its event");
        } finally {
            db.tx(h -> h.execute("DROP TRIGGER refuse_click_event ON events; DROP FUNCTION refuse_click_event()"));
        }
        click(link, LinkVisits.PHONE_BROWSER);
        assertEquals(1, clicks(link.code()));
        assertEquals(1, events(link.code()).size());
    }
}
