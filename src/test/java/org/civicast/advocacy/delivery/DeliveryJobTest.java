package org.civicast.advocacy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.jobs.JobState;
import org.civicast.platform.jobs.JobStatus;
import org.civicast.platform.jobs.Jobs;
import org.civicast.platform.jobs.JobsConfig;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deliveries end to end: durable jobs on a real database, a fake House CWC, and a real SMTP server. */
class DeliveryJobTest {
    private static final String KEY = "house-key";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final InMemoryDeliveries deliveries = new InMemoryDeliveries();
    private Database db;
    private FakeCwcServer cwc;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.connect(DatabaseAddress.parse(TestDatabases.fresh(), null, null), 4, null);
        closing.add(db);
        db.migrate();
        cwc = FakeCwcServer.house(KEY);
        closing.add(cwc);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    private Jobs jobs(int maxAttempts) {
        ChannelChooser chooser = ChannelChooser.of(
                new CwcHouseChannel(new CwcHouseSettings(cwc.baseUrl(), KEY, Letters.AGENT), Clock.systemUTC()),
                null,
                new EmailChannel(new EmailSettings("127.0.0.1", SMTP.getSmtp().getPort(), EmailSettings.Security.NONE,
                        null, null, "letters@civicast.example.org", Duration.ofSeconds(5))));
        JobsConfig config = JobsConfig.defaults().withPollInterval(Duration.ofMillis(20))
                .withBackoff(Duration.ZERO, Duration.ZERO).withMaxAttempts(maxAttempts);
        Jobs jobs = new Jobs(db, Clock.systemUTC(), config).registerRecording(DeliveryJob.KIND, new DeliveryJob(deliveries, chooser));
        jobs.registerRecording(LetterDeliveryJob.KIND,
                new LetterDeliveryJob(deliveries, chooser, jobs, Duration.ZERO, Clock.systemUTC()));
        closing.add(jobs);
        return jobs;
    }

    private String enqueue(Jobs jobs, Letter letter) {
        deliveries.add(letter);
        return db.tx(h -> jobs.enqueue(DeliveryJob.KIND, DeliveryJob.payload(letter.deliveryId())));
    }

    @Test
    void eachLetterGoesByItsOfficesChannelAndEveryOutcomeIsRecorded() throws Exception {
        Jobs jobs = jobs(4);
        cwc.unavailable.set(1); // the House's first answer is an outage
        String toHouse = enqueue(jobs, Letters.to(Letters.house(), "dlv_house"));
        String toMayor = enqueue(jobs, Letters.to(Letters.custom("mayor@city.example.gov"), "dlv_mayor"));
        String toSenate = enqueue(jobs, Letters.to(Letters.senate(), "dlv_senate"));
        Letter base = Letters.to(Letters.house(), "dlv_no_prefix");
        Constituent c = base.constituent();
        String incomplete = enqueue(jobs, new Letter(base.deliveryId(), base.campaignId(), base.office(),
                new Constituent(null, c.firstName(), null, c.lastName(), null, c.addressLines(), c.city(), c.state(),
                        c.zip5(), null, null, c.email()), base.message(), null));
        jobs.start(2);

        for (String job : List.of(toHouse, toMayor, toSenate, incomplete)) awaitState(jobs, job, JobState.DONE);

        assertEquals("delivered", deliveries.status.get("dlv_house"));
        assertEquals(2, jobs.status(toHouse).orElseThrow().attempts(), "the outage was retried");
        assertTrue(deliveries.events.contains("dlv_house retrying by cwc-house: HTTP 503: Service Unavailable"),
                deliveries.events.toString());
        assertTrue(deliveries.events.contains("dlv_house delivered by cwc-house: " + CwcMessage.uid("dlv_house")));
        assertEquals(1, cwc.received.size());

        assertEquals("delivered", deliveries.status.get("dlv_mayor"));
        assertTrue(SMTP.waitForIncomingEmail(5000, 1));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("Fund the libraries", mail.getSubject());

        assertEquals(DeliveryResult.NO_ROUTE, deliveries.status.get("dlv_senate"));
        assertEquals("failed", deliveries.status.get("dlv_no_prefix"));
        assertEquals(1, jobs.status(incomplete).orElseThrow().attempts(), "a refusal is not retried");

        // A repeated job for a finished delivery sends nothing again.
        String repeat = db.tx(h -> jobs.enqueue(DeliveryJob.KIND, DeliveryJob.payload("dlv_house")));
        awaitState(jobs, repeat, JobState.DONE);
        assertEquals(1, cwc.received.size());
    }

    @Test
    void aLettersOfficesAreDeliveredByOneJobAndAnOfficeThatFailsForNowIsRetriedByItsOwn() throws Exception {
        Jobs jobs = jobs(4);
        cwc.unavailable.set(1); // the House's first answer is an outage
        deliveries.add("sub_1", Letters.to(Letters.house(), "dlv_1_house"));
        deliveries.add("sub_1", Letters.to(Letters.custom("mayor@city.example.gov"), "dlv_2_mayor"));
        deliveries.add("sub_1", Letters.to(Letters.senate(), "dlv_3_senate"));
        String job = jobs.enqueue(LetterDeliveryJob.KIND, LetterDeliveryJob.payload("sub_1"));
        jobs.start(2);

        awaitState(jobs, job, JobState.DONE);
        await(() -> "delivered".equals(deliveries.status.get("dlv_1_house")));
        assertEquals(1, jobs.status(job).orElseThrow().attempts(), "the outage did not hold the other offices back");
        assertEquals("delivered", deliveries.status.get("dlv_2_mayor"));
        assertEquals(DeliveryResult.NO_ROUTE, deliveries.status.get("dlv_3_senate"));
        assertEquals(1, cwc.received.size());
        assertTrue(SMTP.waitForIncomingEmail(5000, 1));
        List<String> retries = jobs.recent(null, DeliveryJob.KIND, 10).stream().map(JobStatus::id).toList();
        assertEquals(1, retries.size(), "the House office alone was handed to a job of its own");
        // Its office's outcome is recorded before its job is marked done: waited for, not assumed.
        awaitState(jobs, retries.getFirst(), JobState.DONE);

        // Recorded once each, in order; the mail that reached the mayor was committed before the
        // senator's office was tried, so a crash after it could not send it again.
        List<String> events = List.copyOf(deliveries.events);
        int mayor = java.util.stream.IntStream.range(0, events.size())
                .filter(i -> events.get(i).startsWith("dlv_2_mayor delivered by email")).findFirst().orElseThrow();
        assertTrue(events.get(0).startsWith("dlv_1_house retrying by cwc-house: HTTP 503"), events.toString());
        assertEquals("committed", events.get(mayor + 1), events.toString());
        assertTrue(events.get(mayor + 2).startsWith("dlv_3_senate " + DeliveryResult.NO_ROUTE), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("dlv_1_house delivered")).count(), events.toString());

        // A repeated job for a letter whose offices are all finished sends nothing again.
        String repeat = jobs.enqueue(LetterDeliveryJob.KIND, LetterDeliveryJob.payload("sub_1"));
        awaitState(jobs, repeat, JobState.DONE);
        assertEquals(1, cwc.received.size());
        assertEquals(1, SMTP.getReceivedMessages().length);
    }

    @Test
    void outcomesThatReachedNoOneWaitForTheJobsEnd() {
        Jobs jobs = jobs(4);
        deliveries.add("sub_2", Letters.to(Letters.senate(), "dlv_a"));
        deliveries.add("sub_2", Letters.to(Letters.senate(), "dlv_b"));
        String job = jobs.enqueue(LetterDeliveryJob.KIND, LetterDeliveryJob.payload("sub_2"));
        jobs.start(1);
        awaitState(jobs, job, JobState.DONE);
        assertEquals(List.of("dlv_a", "dlv_b"), deliveries.events.stream().map(e -> e.split(" ")[0]).toList(),
                "both recorded with the job's end, nothing committed before it");
    }

    @Test
    void aReceiverThatStaysDownIsGivenUpOnAfterTheLastAttempt() {
        cwc.close();
        Jobs jobs = jobs(2);
        String job = enqueue(jobs, Letters.to(Letters.house(), "dlv_down"));
        jobs.start(1);
        JobStatus failed = awaitState(jobs, job, JobState.FAILED);
        assertEquals(2, failed.attempts());
        assertEquals("failed", deliveries.status.get("dlv_down"));
        String last = deliveries.events.get(deliveries.events.size() - 1);
        assertTrue(last.startsWith("dlv_down failed by cwc-house: gave up after 2 attempts; the last: "), last);
    }

    @Test
    void aMalformedPayloadFailsTheJobAtOnce() {
        Jobs jobs = jobs(5);
        String job = jobs.enqueue(DeliveryJob.KIND, "{\"nothing\":1}");
        jobs.start(1);
        JobStatus failed = awaitState(jobs, job, JobState.FAILED);
        assertEquals(1, failed.attempts());
        assertEquals("the payload names no delivery_id", failed.lastError());
    }

    private static JobStatus awaitState(Jobs jobs, String id, JobState state) {
        await(() -> jobs.status(id).orElseThrow().state() == state);
        return jobs.status(id).orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
