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

    private EngineWorld world;
    private Database db;

    @BeforeEach
    void setUp() {
        world = new EngineWorld(network);
        db = world.db;
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private SendingService instance() {
        return world.instance();
    }

    private void schedule(String projectId, SendingService via) {
        world.schedule(projectId, via);
    }

    private void schedule(String projectId, SendingService via, org.civicast.links.LinkTracking tracking) {
        world.schedule(projectId, via, tracking, Limits.NONE, Instant.now());
    }

    private void awaitCompleted(String projectId) throws InterruptedException {
        world.awaitCompleted(projectId);
    }

    private List<String> networkRecord() throws Exception {
        return world.networkRecord();
    }

    private int count(String sql) {
        return world.count(sql);
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
        assertEquals(0, count("SELECT count(*) FROM outbound_provider_ids"), "receipts name the message: no index kept");
        // Each event written with its record: its own id, and the documented payload of its message.
        assertEquals(0, count("""
                SELECT count(*) FROM events e JOIN outbound_messages m ON e.data->>'to' = '+' || m.phone
                WHERE e.event_type = 'message.sent' AND NOT (e.event_id ~ '^evt_[0-9a-f]{32}$' AND e.sequence = 1
                  AND e.organization_id = 'org_s' AND e.data->>'message_id' = e.subject_id AND e.data->>'project_id' = 'prj_1'
                  AND e.data->>'from' = m.sender AND e.data->>'status' = 'sent' AND e.data->'is_test' = 'false'
                  AND e.data->'segments' = '1' AND CAST(e.data->>'sent_at' AS timestamptz) = m.sent_at)"""));
        List<String> otherSubjects = world.db.read(h -> h.createQuery("""
                SELECT e.subject_id, m.id FROM events e JOIN outbound_messages m ON e.data->>'to' = '+' || m.phone
                WHERE e.event_type = 'message.sent'""")
                .map((rs, ctx) -> rs.getString(1).equals(MessageIds.of(rs.getLong(2))) ? null : rs.getString(1)).list())
                .stream().filter(java.util.Objects::nonNull).toList();
        assertEquals(1000, count("""
                SELECT count(*) FROM events e JOIN outbound_messages m ON e.data->>'to' = '+' || m.phone
                WHERE e.event_type = 'message.sent'"""), "each event found its message by its payload's number");
        assertEquals(List.of(), otherSubjects, "each event is about its own message");
        assertEquals(1000, count("SELECT count(DISTINCT event_id) FROM events WHERE event_type = 'message.sent'"));
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
    void receiptsNamingOnlyTheProvidersIdFindTheirMessageThroughTheProvidersIds() throws Exception {
        world.close();
        world = new EngineWorld(network.resolve("smpp-like"), false);
        db = world.db;
        schedule("prj_1", instance());
        awaitCompleted("prj_1");
        assertEquals(1000, count("SELECT count(*) FROM outbound_provider_ids"), "one for each message handed over");
        long deadline = System.currentTimeMillis() + 10_000;
        while (count("SELECT count(*) FROM outbound_messages WHERE status = 'sent'") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1000, count("SELECT count(*) FROM outbound_messages WHERE status IN ('delivered', 'undeliverable')"));
        assertEquals(1000, count("SELECT count(*) FROM events WHERE event_type IN ('message.delivered', 'message.failed')"));
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
        world.projects.status.put("prj_3", "held"); // compiled, then paused before anything is handed over
        long deadline = System.currentTimeMillis() + 30_000;
        while (count("SELECT count(*) FROM sends WHERE compiled_at IS NOT NULL") < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1000, count("SELECT count(*) FROM outbound_messages WHERE status = 'queued'"));
        db.tx(h -> h.execute("INSERT INTO opt_outs VALUES ('org_s', 12025000007, 'stop_reply', now())"));
        world.projects.status.put("prj_3", "scheduled"); // scheduled again: the start finds it compiled
        sending.scheduled("prj_3", Instant.now());
        awaitCompleted("prj_3");
        assertEquals(List.of("opted_out"), db.read(h -> h.createQuery(
                "SELECT status FROM outbound_messages WHERE phone = 12025000007").mapTo(String.class).list()));
        assertEquals(999, networkRecord().size());
        assertTrue(networkRecord().stream().noneMatch(l -> l.contains("+12025000007")));
    }

    @Test
    void aClaimLeftOpenByADeadDispatcherIsTakenOverAndItsLateRecordChangesNothing() throws Exception {
        SendingService sending = instance();
        schedule("prj_4", sending);
        world.projects.status.put("prj_4", "held"); // compiled, then paused before anything is handed over
        long deadline = System.currentTimeMillis() + 30_000;
        while (count("SELECT count(*) FROM sends WHERE compiled_at IS NOT NULL") < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        long key = db.read(h -> SendStore.existingKey(h, "prj_4")).orElseThrow();
        Instant now = Instant.now();
        // A dispatcher claims 300 messages and dies: its claim runs out at once.
        SendStore.Claim dead = db.tx(h -> SendStore.claim(h, key, false, "org_s", SendStore.ClaimRules.unlimited(300),
                "dead", now, now.minusSeconds(1)));
        assertEquals(300, dead.messages().size());
        assertEquals(300, count("SELECT count(*) FROM outbound_messages WHERE status = 'queued' AND id <= "
                + dead.messages().getLast().id()), "a claim writes nothing into its messages");

        world.projects.status.put("prj_4", "scheduled");
        sending.scheduled("prj_4", Instant.now());
        awaitCompleted("prj_4");
        assertEquals(1000, networkRecord().size());
        assertEquals(1000, networkRecord().stream().map(l -> l.split("\t")[3]).distinct().count(), "each recipient once");
        assertEquals(0, count("SELECT count(*) FROM send_claims"), "the taken-over claim was recorded and ended");

        // The dead dispatcher's record, arriving late, changes nothing and reports nothing.
        var late = dead.messages().stream().map(m -> new Outcomes.HandedOff(m.id(), "LATE" + m.id(), null, null, "x", 1,
                "gsm-7")).toList();
        assertEquals(Outcomes.Recorded.NOTHING,
                db.tx(h -> Outcomes.handedOff(h, "prj_4", "org_s", "dead", dead.id(), late, true, Instant.now())));
        assertEquals(0, count("SELECT count(*) FROM outbound_messages WHERE provider_id LIKE 'LATE%'"));
        assertEquals(1000, count("SELECT count(*) FROM outbound_messages WHERE status IN ('sent', 'delivered', 'undeliverable')"));
    }
}
