package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.civicast.billing.UsageLedger;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.events.Events;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.Jobs;
import org.civicast.platform.jobs.JobsConfig;
import org.civicast.sending.gateway.simulator.CarrierSimulator;
import org.civicast.sending.gateway.simulator.SimulatorSettings;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a real database with the carrier simulator: every recipient handed over once,
 * by one instance or two sharing the send, opt-outs checked at send time, receipts recorded,
 * events and billing written with each change. The project side is a small in-memory stand-in
 * for the projects feature's state machine.
 */
class SendingEngineTest {
    @TempDir
    Path network;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private String url;
    private Database db;
    private CarrierSimulator gateway;
    private final Projects projects = new Projects();

    /** The projects feature's part, reduced to the transitions the engine asks for. */
    static final class Projects implements BroadcastSource {
        final Map<String, String> status = new ConcurrentHashMap<>();
        final Map<String, Broadcast> broadcasts = new ConcurrentHashMap<>();

        @Override
        public Optional<Broadcast> broadcast(String projectId) {
            return Optional.ofNullable(broadcasts.get(projectId));
        }

        @Override
        public boolean startSending(String projectId) {
            return status.replace(projectId, "scheduled", "sending") || status.replace(projectId, "held", "paused");
        }

        @Override
        public boolean complete(String projectId) {
            return status.replace(projectId, "sending", "completed");
        }

        @Override
        public boolean sending(String projectId) {
            return "sending".equals(status.get(projectId));
        }
    }

    @BeforeEach
    void setUp() {
        url = TestDatabases.fresh();
        db = database();
        db.migrate();
        db.tx(h -> {
            h.execute("INSERT INTO organizations (id, display_name, status, path, created_at, updated_at) "
                    + "VALUES ('org_s', 'S', 'active', '/org_s/', now(), now())");
            h.execute("INSERT INTO contact_lists (id, organization_id, name, source, phone_column, merge_tags, "
                    + "imported_via_api, status, created_at, updated_at) VALUES ('cl_s', 'org_s', 'S', 'https://x/s.csv', "
                    + "'phone', '{}', true, 'ready', now(), now())");
            long key = h.createQuery("SELECT list_key FROM contact_lists WHERE id = 'cl_s'").mapTo(Long.class).one();
            h.execute("CREATE TABLE contacts_" + key + " PARTITION OF contacts FOR VALUES IN (" + key + ")");
            return h.execute("INSERT INTO contacts (list_key, phone, line_no, first_name) "
                    + "SELECT l.list_key, 12025000000 + g, g + 1, 'Voter' || g FROM contact_lists l, generate_series(1, 1000) g");
        });
        gateway = new CarrierSimulator(new SimulatorSettings(network, Duration.ZERO, 0, Duration.ofMillis(100), 10,
                List.of("30003")), Clock.systemUTC());
        closing.add(gateway);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    private Database database() {
        Database database = Database.connect(DatabaseAddress.parse(url, null, null), 8, null);
        closing.add(database);
        return database;
    }

    /** One server instance: its own pool, jobs and engine, on the shared database and network. */
    private SendingService instance() {
        Database own = database();
        Clock clock = Clock.systemUTC();
        Jobs jobs = new Jobs(own, clock, new JobsConfig(Duration.ofMillis(20), Duration.ofSeconds(30), 3,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), Duration.ofDays(1)));
        Ids ids = new Ids(clock);
        UsageLedger usage = new UsageLedger(own, new OrganizationService(own, ids, clock), clock);
        Events events = new Events(own, ids, clock);
        SendingService sending = Sending.wire(own, clock, jobs, gateway, events, usage,
                new org.civicast.links.ShortLinks(own, events, clock), projects);
        jobs.start(4);
        closing.add(jobs);
        return sending;
    }

    private void schedule(String projectId, SendingService via) {
        schedule(projectId, via, null);
    }

    private void schedule(String projectId, SendingService via, org.civicast.links.LinkTracking tracking) {
        projects.broadcasts.put(projectId, new Broadcast(projectId, "org_s", "brand_s",
                List.of(new Broadcast.Sender("pn_1", "+12025550101"), new Broadcast.Sender("pn_2", "+12025550102")),
                false, List.of(), List.of("cl_s"), List.of(), tracking,
                (recipient, link) -> new MessageComposer.Composed("Hi " + recipient.values().get("first_name")
                        + ", vote Tuesday!" + (link == null ? "" : " " + link), 1, "GSM-7")));
        projects.status.put(projectId, "scheduled");
        via.scheduled(projectId, Instant.now());
    }

    private void awaitCompleted(String projectId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"completed".equals(projects.status.get(projectId)) && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertEquals("completed", projects.status.get(projectId));
    }

    private List<String> networkRecord() throws Exception {
        return Files.readAllLines(network.resolve("accepted.tsv"));
    }

    private int count(String sql) {
        return db.read(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void everyRecipientIsHandedOverOnceWithItsEventAndBilling() throws Exception {
        SendingService sending = instance();
        schedule("prj_1", sending);
        awaitCompleted("prj_1");
        List<String> record = networkRecord();
        assertEquals(1000, record.size());
        assertEquals(1000, record.stream().map(l -> l.split("\t")[3]).distinct().count(), "each recipient once");
        assertTrue(record.stream().allMatch(l -> l.split("\t")[2].matches("\\+1202555010[12]")));
        assertEquals(1000, count("SELECT count(*) FROM events WHERE event_type = 'message.sent'"));
        assertEquals(1000, count("SELECT coalesce(sum(units), 0) FROM usage_records WHERE category = 'sms'"));
        assertEquals(1000, sending.usedToday("brand_s", Instant.now()), "the brand's segments today, Pacific time");
        // The sender is sticky: the same recipient, the same number, by the number's hash.
        assertEquals(0, count("SELECT count(*) FROM outbound_messages WHERE sender <> "
                + "CASE WHEN phone % 2 = 0 THEN '+12025550101' ELSE '+12025550102' END"));

        long deadline = System.currentTimeMillis() + 10_000;
        while (count("SELECT count(*) FROM outbound_messages WHERE status = 'sent'") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Map<String, Integer> counts = sending.counts("prj_1", false);
        assertEquals(1000, counts.getOrDefault("delivered", 0) + counts.getOrDefault("undeliverable", 0), counts.toString());
        assertTrue(counts.getOrDefault("undeliverable", 0) > 50, "about one in ten: " + counts);
        assertEquals(counts.get("undeliverable"), count("SELECT count(*) FROM events WHERE event_type = 'message.failed' "
                + "AND data->>'error_code' = '30003'"));
        assertEquals(0, count("SELECT count(*) FROM (SELECT subject_id FROM events GROUP BY subject_id "
                + "HAVING count(*) <> 2 OR max(sequence) <> 2) odd"), "sent then its receipt, numbered 1 and 2");
    }

    @Test
    void eachRecipientGetsTheirOwnTrackedLink() throws Exception {
        db.tx(h -> h.execute("INSERT INTO tracking_domains (id, organization_id, domain, status, created_at, updated_at) "
                + "VALUES ('td_s', 'org_s', 'go.example.org', 'active', now(), now())"));
        SendingService sending = instance();
        schedule("prj_4", sending, new org.civicast.links.LinkTracking("td_s", "https://example.org/vote", "phone", null));
        awaitCompleted("prj_4");
        assertEquals(1000, count("SELECT count(DISTINCT substring(body from 'https://go\\.example\\.org/[A-Za-z0-9]+')) "
                + "FROM outbound_messages"), "a thousand different links");
        assertEquals(1000, count("SELECT count(*) FROM short_links"));
    }

    @Test
    void twoInstancesShareABroadcastWithoutSendingAnyoneTwice() throws Exception {
        SendingService first = instance();
        instance();
        schedule("prj_2", first);
        awaitCompleted("prj_2");
        List<String> record = networkRecord();
        assertEquals(1000, record.size());
        assertEquals(1000, record.stream().map(l -> l.split("\t")[3]).distinct().count());
    }

    @Test
    void anOptOutAfterTheListWasMadeIsHonouredAtSendTime() throws Exception {
        SendingService sending = instance();
        schedule("prj_3", sending);
        projects.status.put("prj_3", "held"); // compiled, then paused before anything is handed over
        long deadline = System.currentTimeMillis() + 30_000;
        while (count("SELECT count(*) FROM outbound_messages") < 1000 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(1000, count("SELECT count(*) FROM outbound_messages WHERE status = 'queued'"));
        db.tx(h -> h.execute("INSERT INTO opt_outs VALUES ('org_s', 12025000007, 'stop_reply', now())"));
        projects.status.put("prj_3", "sending");
        sending.resumed("prj_3");
        awaitCompleted("prj_3");
        assertEquals(List.of("opted_out"), db.read(h -> h.createQuery(
                "SELECT status FROM outbound_messages WHERE phone = 12025000007").mapTo(String.class).list()));
        assertEquals(999, networkRecord().size());
        assertTrue(networkRecord().stream().noneMatch(l -> l.contains("+12025000007")));
    }
}
