package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.civicast.links.LinkTracking;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.config.SendingSettings;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.events.Events;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.Jobs;
import org.civicast.platform.jobs.JobsConfig;
import org.civicast.sending.gateway.simulator.CarrierSimulator;
import org.civicast.sending.gateway.simulator.SimulatorSettings;
import org.civicast.testing.TestDatabases;

/**
 * The engine's surroundings on a real database with the carrier simulator: an organization, a
 * contact list of 1,000 voters in area code 202 ({@code cl_s}), server instances of the engine,
 * and a small stand-in for the projects feature's state machine.
 */
final class EngineWorld implements AutoCloseable {
    static final SendingSettings UNPACED = new SendingSettings("none", false, 0, Duration.ofHours(24), 16);

    final Projects projects = new Projects();
    final Database db;
    final CarrierSimulator gateway;
    private final Path network;
    private final String url;
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** The projects feature's part, reduced to the transitions the engine asks for. */
    static final class Projects implements BroadcastSource {
        final Map<String, String> status = new ConcurrentHashMap<>();
        final Map<String, String> pauseReason = new ConcurrentHashMap<>();
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

        @Override
        public synchronized boolean pause(String projectId, String reason) {
            if (!status.replace(projectId, "sending", "paused") && !status.replace(projectId, "scheduled", "paused")) return false;
            pauseReason.put(projectId, reason);
            return true;
        }

        @Override
        public synchronized boolean resume(String projectId, String reason) {
            if (!"paused".equals(status.get(projectId)) || !reason.equals(pauseReason.get(projectId))) return false;
            pauseReason.remove(projectId);
            return status.replace(projectId, "paused", "sending");
        }
    }

    EngineWorld(Path network) {
        this(network, true);
    }

    /** {@code receiptsNameMessages} false: the simulator's receipts name only its own ids, as an SMPP peer's do. */
    EngineWorld(Path network, boolean receiptsNameMessages) {
        this.network = network;
        url = TestDatabases.fresh();
        db = database();
        db.migrate();
        db.tx(h -> {
            h.execute("INSERT INTO organizations (id, display_name, status, path, created_at, updated_at) "
                    + "VALUES ('org_s', 'S', 'active', '/org_s/', now(), now())");
            return null;
        });
        list("cl_s", java.util.stream.LongStream.rangeClosed(1, 1000).map(g -> 12025000000L + g).toArray());
        gateway = new CarrierSimulator(new SimulatorSettings(network, Duration.ZERO, 0, Duration.ofMillis(100), 10,
                List.of("30003"), receiptsNameMessages), Clock.systemUTC());
        closing.add(gateway);
    }

    /** A ready contact list of these numbers (E.164 digits), each with a first name. */
    void list(String id, long... phones) {
        db.tx(h -> {
            h.execute("INSERT INTO contact_lists (id, organization_id, name, source, phone_column, merge_tags, "
                    + "imported_via_api, status, created_at, updated_at) VALUES (?, 'org_s', ?, 'https://x/s.csv', "
                    + "'phone', '{}', true, 'ready', now(), now())", id, id);
            long key = h.createQuery("SELECT list_key FROM contact_lists WHERE id = :id").bind("id", id)
                    .mapTo(Long.class).one();
            h.execute("CREATE TABLE contacts_" + key + " PARTITION OF contacts FOR VALUES IN (" + key + ")");
            var batch = h.prepareBatch("INSERT INTO contacts (list_key, phone, line_no, first_name) VALUES (:key, :phone, :line, :name)");
            for (int i = 0; i < phones.length; i++) {
                batch.bind("key", key).bind("phone", phones[i]).bind("line", i + 2).bind("name", "Voter" + (i + 1)).add();
            }
            batch.execute();
            return null;
        });
    }

    private Database database() {
        Database database = Database.connect(DatabaseAddress.parse(url, null, null), 8, null);
        closing.add(database);
        return database;
    }

    /** One server instance: its own pool, jobs and engine, on the shared database and network. */
    SendingService instance(Clock clock, SendingSettings settings) {
        Database own = database();
        Jobs jobs = new Jobs(own, clock, new JobsConfig(Duration.ofMillis(20), Duration.ofSeconds(30), 3,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), Duration.ofDays(1)));
        Ids ids = new Ids(clock);
        UsageLedger usage = new UsageLedger(own, new OrganizationService(own, ids, clock), clock);
        Events events = new Events(own, clock);
        SendingService sending = Sending.wire(own, clock, jobs, gateway, events, usage,
                new org.civicast.links.ShortLinks(own, events, clock), projects, settings);
        jobs.start(4);
        closing.add(jobs);
        return sending;
    }

    SendingService instance() {
        return instance(Clock.systemUTC(), UNPACED);
    }

    /** Schedules a project to the lists, sent within {@code limits}, to start at {@code at}. */
    void schedule(String projectId, SendingService via, LinkTracking tracking, Limits limits, Instant at,
                  String... lists) {
        projects.broadcasts.put(projectId, new Broadcast(projectId, "org_s", "brand_s",
                List.of(new Broadcast.Sender("pn_1", "+12025550101"), new Broadcast.Sender("pn_2", "+12025550102")),
                false, List.of(), lists.length == 0 ? List.of("cl_s") : List.of(lists), List.of(), tracking,
                (recipient, link) -> new MessageComposer.Composed("Hi " + recipient.values().get("first_name")
                        + ", vote Tuesday!" + (link == null ? "" : " " + link), 1, "GSM-7"), limits));
        projects.status.put(projectId, "scheduled");
        via.scheduled(projectId, at);
    }

    void schedule(String projectId, SendingService via) {
        schedule(projectId, via, null, Limits.NONE, Instant.now());
    }

    void awaitStatus(String projectId, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!status.equals(projects.status.get(projectId)) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        if (!status.equals(projects.status.get(projectId))) {
            // What the engine was doing, for the failure's report.
            String jobs = db.read(h -> h.createQuery("SELECT kind || ' ' || state || ' run_at=' || run_at || ' attempts='"
                    + " || attempts || coalesce(' ' || last_error, '') FROM jobs ORDER BY created_at").mapTo(String.class).list())
                    .toString();
            String messages = db.read(h -> h.createQuery("SELECT status || ' ' || count(*) FROM outbound_messages GROUP BY status")
                    .mapTo(String.class).list()).toString();
            assertEquals(status, projects.status.get(projectId), "pause reason " + projects.pauseReason.get(projectId)
                    + "; jobs " + jobs + "; messages " + messages);
        }
    }

    void awaitCompleted(String projectId) throws InterruptedException {
        awaitStatus(projectId, "completed");
    }

    List<String> networkRecord() throws Exception {
        Path record = network.resolve("accepted.tsv");
        return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }

    int count(String sql) {
        return db.read(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Override
    public void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }
}
