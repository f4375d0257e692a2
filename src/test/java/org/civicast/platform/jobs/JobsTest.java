package org.civicast.platform.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobsTest {
    private static final JobsConfig FAST = JobsConfig.defaults()
            .withPollInterval(Duration.ofMillis(20))
            .withLease(Duration.ofSeconds(30))
            .withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    /** A poll so slow that a job run within seconds was woken, not polled for. */
    private static final JobsConfig SLOW_POLL = FAST.withPollInterval(Duration.ofSeconds(30));

    private final List<AutoCloseable> closing = new ArrayList<>();
    private String url;
    private Database db;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        url = TestDatabases.fresh();
        db = database();
        db.migrate();
        clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    /** A separate pool on the same database: what another server instance would have. */
    private Database database() {
        Database database = Database.connect(DatabaseAddress.parse(url, null, null), 4, null);
        closing.add(database);
        return database;
    }

    private Jobs jobs(Database database, JobsConfig config) {
        Jobs jobs = new Jobs(database, clock, config);
        closing.add(jobs);
        return jobs;
    }

    @Test
    void aJobEnqueuedInARolledBackTransactionNeverExists() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Jobs jobs = jobs(db, FAST).register("k", job -> runs.incrementAndGet());
        String[] id = new String[1];
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            id[0] = jobs.enqueue("k", "{}");
            throw new IllegalStateException("the business change failed");
        }));
        String committed = db.tx(h -> jobs.enqueue("k", "{\"n\":1}"));
        jobs.start(2);
        await(() -> jobs.status(committed).orElseThrow().state() == JobState.DONE);
        Thread.sleep(100);
        assertEquals(1, runs.get());
        assertTrue(jobs.status(id[0]).isEmpty());
    }

    @Test
    void jobsEnqueuedTogetherAreEachRunOnceAndVanishWithARolledBackTransaction() {
        List<String> payloads = new CopyOnWriteArrayList<>();
        Jobs jobs = jobs(db, FAST).register("k", job -> payloads.add(job.payload()));
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            jobs.enqueueAll("k", List.of("{\"n\":0}"));
            throw new IllegalStateException("the business change failed");
        }));
        List<String> ids = db.tx(h -> jobs.enqueueAll("k", List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}")));
        assertEquals(3, ids.stream().distinct().count());
        assertEquals(List.of(), jobs.enqueueAll("k", List.of()));
        jobs.start(2);
        for (String id : ids) awaitState(jobs, id, JobState.DONE);
        sleep(100);
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), payloads.stream().sorted().toList());
        for (String id : ids) assertEquals(JobState.DONE, jobs.status(id).orElseThrow().state());
    }

    @Test
    void aRecordedOutcomeCommitsWithTheDoneMarkOrNeitherDoes() {
        AtomicInteger runs = new AtomicInteger();
        Jobs jobs = jobs(db, FAST).registerRecording("k", job -> {
            int run = runs.incrementAndGet();
            return h -> {
                // The first attempt's write fails: the job must not be done without it.
                if (run == 1) throw new IllegalStateException("the outcome could not be written");
                h.execute("UPDATE jobs SET payload = 'recorded on attempt ' || ? WHERE id = ?", job.attempt(), job.id());
            };
        });
        String id = jobs.enqueue("k", "{}");
        jobs.start(1);
        await(() -> runs.get() == 1);
        sleep(200);
        assertEquals(JobState.RUNNING, jobs.status(id).orElseThrow().state(), "not done: its outcome was not written");

        clock.advance(FAST.lease().plusSeconds(1));
        awaitState(jobs, id, JobState.DONE);
        assertEquals(2, runs.get());
        String payload = db.read(h -> h.createQuery("SELECT payload FROM jobs WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
        assertEquals("recorded on attempt 2", payload);
    }

    @Test
    void aHandlerThatFailsTwiceSucceedsOnTheThirdAttempt() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        Jobs jobs = jobs(db, FAST).register("flaky", job -> {
            attempts.add(job.attempt());
            if (job.attempt() < 3) throw new IllegalStateException("receiver down " + job.attempt());
        });
        String id = jobs.enqueue("flaky", "{}");
        jobs.start(1);

        await(() -> attempts.size() == 1);
        JobStatus afterFirst = awaitState(jobs, id, JobState.QUEUED);
        assertEquals("IllegalStateException: receiver down 1", afterFirst.lastError());
        Duration wait = Duration.between(clock.instant(), afterFirst.runAt());
        // 10 s base, jittered down to no less than half.
        assertTrue(wait.compareTo(Duration.ofSeconds(5)) >= 0 && wait.compareTo(Duration.ofSeconds(10)) <= 0, wait.toString());
        sleep(150);
        assertEquals(1, attempts.size(), "a retry waits for its time");

        clock.advance(Duration.ofSeconds(10));
        await(() -> attempts.size() == 2);
        JobStatus afterSecond = awaitState(jobs, id, JobState.QUEUED);
        Duration second = Duration.between(clock.instant(), afterSecond.runAt());
        assertTrue(second.compareTo(Duration.ofSeconds(10)) >= 0 && second.compareTo(Duration.ofSeconds(20)) <= 0,
                second.toString());

        clock.advance(Duration.ofSeconds(20));
        JobStatus done = awaitState(jobs, id, JobState.DONE);
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals(3, done.attempts());
        assertNotNull(done.finishedAt());
        assertNull(done.lockedBy());
    }

    @Test
    void aJobOutOfAttemptsFailsWithItsLastError() {
        AtomicInteger runs = new AtomicInteger();
        // The retried job's first attempt waits, so that it cannot fail again before it is asked to be retried twice.
        CountDownLatch retriedTwice = new CountDownLatch(1);
        Jobs jobs = jobs(db, FAST.withMaxAttempts(3).withBackoff(Duration.ZERO, Duration.ZERO))
                .register("doomed", job -> {
                    if (runs.incrementAndGet() == 4) retriedTwice.await();
                    throw new IllegalArgumentException("bad request on attempt " + job.attempt());
                });
        String id = jobs.enqueue("doomed", "{}");
        jobs.start(1);
        JobStatus failed = awaitState(jobs, id, JobState.FAILED);
        assertEquals(3, runs.get());
        assertEquals(3, failed.attempts());
        assertEquals("IllegalArgumentException: bad request on attempt 3", failed.lastError());

        assertTrue(jobs.retry(id));
        assertFalse(jobs.retry(id), "only a failed job is retried");
        retriedTwice.countDown();
        awaitState(jobs, id, JobState.FAILED);
        assertEquals(6, runs.get(), "a retried job has its attempts again");
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        Jobs jobs = jobs(db, FAST).register("k", job -> {
            runs.incrementAndGet();
            throw new PermanentJobFailure("no such delivery");
        });
        String id = jobs.enqueue("k", "{}");
        jobs.start(1);
        JobStatus failed = awaitState(jobs, id, JobState.FAILED);
        assertEquals(1, runs.get());
        assertEquals("no such delivery", failed.lastError());
    }

    @Test
    void twoInstancesRunEachJobExactlyOnce() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobHandler count = job -> {
            runs.computeIfAbsent(job.payload(), p -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(1);
        };
        Jobs first = jobs(db, FAST).register("count", count);
        Jobs second = jobs(database(), FAST).register("count", count);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) ids.add(first.enqueue("count", "job-" + i));
        first.start(4);
        second.start(4);
        await(() -> runs.values().stream().mapToInt(AtomicInteger::get).sum() >= 200);
        for (String id : ids) awaitState(first, id, JobState.DONE);
        sleep(200);
        assertEquals(200, runs.size());
        runs.forEach((payload, n) -> assertEquals(1, n.get(), payload));
        for (String id : ids) assertEquals(1, first.status(id).orElseThrow().attempts(), id);
    }

    @Test
    void aJobWhoseWorkerDiedRunsAgainOnAnotherInstanceOnceTheLeaseRunsOut() {
        String id = jobs(db, FAST).enqueue("deliver", "{}");
        Instant now = clock.instant();
        // An instance claims the job and dies before finishing it: nothing renews its lease.
        List<Job> claimed = db.tx(h -> JobStore.claim(h, List.of("deliver"), 10, "dead-instance", now,
                now.plus(FAST.lease())));
        assertEquals(1, claimed.size());
        assertEquals(JobState.RUNNING, jobs(db, FAST).status(id).orElseThrow().state());

        List<Job> seen = new CopyOnWriteArrayList<>();
        Jobs survivor = jobs(database(), FAST).register("deliver", seen::add);
        survivor.start(2);
        sleep(200);
        assertTrue(seen.isEmpty(), "the lease still holds");

        clock.advance(FAST.lease().plusSeconds(1));
        JobStatus done = awaitState(survivor, id, JobState.DONE);
        assertEquals(1, seen.size());
        assertEquals(2, seen.get(0).attempt());
        assertEquals(2, done.attempts());
        assertTrue(done.lastError().contains("attempt 1 did not finish: worker dead-instance"), done.lastError());

        // The dead instance's late word about its attempt changes nothing.
        boolean recorded = db.tx(h -> JobStore.markFailed(h, claimed.get(0), "late", clock.instant()));
        assertFalse(recorded);
        assertEquals(JobState.DONE, survivor.status(id).orElseThrow().state());
    }

    @Test
    void aDeadWorkersLastAttemptFailsTheJob() {
        JobsConfig once = FAST.withMaxAttempts(1);
        Jobs jobs = jobs(db, once).register("deliver", job -> {});
        String id = jobs.enqueue("deliver", "{}");
        Instant now = clock.instant();
        db.tx(h -> JobStore.claim(h, List.of("deliver"), 1, "dead-instance", now, now.plus(once.lease())));
        jobs.start(1);
        clock.advance(once.lease().plusSeconds(1));
        JobStatus failed = awaitState(jobs, id, JobState.FAILED);
        assertEquals(1, failed.attempts());
        assertTrue(failed.lastError().contains("attempt 1 of 1 did not finish"), failed.lastError());
    }

    @Test
    void aRunningJobKeepsItsLeaseWhileItsWorkerLives() throws Exception {
        // Real time here: the lease is short and the job outlasts it several times over.
        JobsConfig shortLease = FAST.withLease(Duration.ofMillis(600));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        JobHandler slow = job -> {
            runs.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
        };
        Jobs first = new Jobs(db, java.time.Clock.systemUTC(), shortLease).register("slow", slow);
        Jobs second = new Jobs(database(), java.time.Clock.systemUTC(), shortLease).register("slow", slow);
        closing.add(first);
        closing.add(second);
        String id = first.enqueue("slow", "{}");
        first.start(1);
        second.start(1);
        await(() -> runs.get() == 1);
        Thread.sleep(2000);
        assertEquals(1, runs.get(), "the lease was renewed, so nobody else took the job");
        release.countDown();
        JobStatus done = awaitState(first, id, JobState.DONE);
        assertEquals(1, done.attempts());
    }

    @Test
    void aScheduledJobWaitsForItsTime() {
        AtomicInteger runs = new AtomicInteger();
        Jobs jobs = jobs(db, FAST).register("later", job -> runs.incrementAndGet());
        String id = jobs.enqueue("later", "{}", clock.instant().plus(Duration.ofHours(2)));
        jobs.start(1);
        sleep(200);
        assertEquals(0, runs.get());
        assertEquals(JobState.QUEUED, jobs.status(id).orElseThrow().state());
        clock.advance(Duration.ofHours(2));
        awaitState(jobs, id, JobState.DONE);
        assertEquals(1, runs.get());
    }

    @Test
    void workersOnlyClaimKindsTheyHandle() {
        AtomicInteger runs = new AtomicInteger();
        Jobs jobs = jobs(db, FAST).register("mine", job -> runs.incrementAndGet());
        String other = jobs.enqueue("someone-elses", "{}");
        String mine = jobs.enqueue("mine", "{}");
        jobs.start(1);
        awaitState(jobs, mine, JobState.DONE);
        assertEquals(JobState.QUEUED, jobs.status(other).orElseThrow().state());
    }

    @Test
    void aJobQueuedHereRunsAsItsTransactionCommitsNotAtTheNextPoll() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        Jobs jobs = jobs(db, SLOW_POLL).register("now", job -> ran.countDown());
        jobs.start(2);
        Thread.sleep(300); // the first claim, at start, has found nothing: the poller waits for the next one
        // The commit wakes the workers here, and so does this instance's own notification: either is enough,
        // and neither is the poll.
        long t0 = System.nanoTime();
        db.tx(h -> {
            jobs.enqueue("now", "{}");
            jobs.enqueueAll("now", List.of("{}", "{}"));
            return null;
        });
        assertTrue(ran.await(3, TimeUnit.SECONDS), "the jobs waited for the poll");
        assertTrue(System.nanoTime() - t0 < SLOW_POLL.pollInterval().toNanos() / 10);
    }

    @Test
    void aJobWrittenByTheCallersOwnStatementRunsAsItsTransactionCommitsOrNeverExists() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Jobs jobs = jobs(db, SLOW_POLL).register("mine", job -> ran.countDown());
        jobs.start(2);
        Thread.sleep(300); // past the first claim: only the commit's wake-up can run the job before the poll
        JobInsert lost = jobs.toInsert("mine", "{\"n\":0}");
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            writeWith(h, lost);
            throw new IllegalStateException("the business change failed");
        }));
        JobInsert kept = jobs.toInsert("mine", "{\"n\":1}");
        long t0 = System.nanoTime();
        db.tx(h -> writeWith(h, kept));
        assertTrue(ran.await(3, TimeUnit.SECONDS), "the job waited for the poll");
        assertTrue(System.nanoTime() - t0 < SLOW_POLL.pollInterval().toNanos() / 10);
        awaitState(jobs, kept.id(), JobState.DONE);
        assertTrue(jobs.status(lost.id()).isEmpty());
    }

    /** A caller's statement that writes a row of its own (none here) and the job together. */
    private static Object writeWith(org.jdbi.v3.core.Handle h, JobInsert job) {
        job.bind(h.createUpdate("WITH job AS (" + JobInsert.SQL + ") SELECT 1")).execute();
        job.written(h);
        return null;
    }

    @Test
    void aJobQueuedOnAnotherInstanceWakesThisOnesWorkers() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Jobs worker = jobs(db, SLOW_POLL).register("elsewhere", job -> ran.countDown());
        worker.start(1);
        Jobs enqueuer = jobs(database(), SLOW_POLL); // an instance without workers, as a web-only one
        Thread.sleep(1000); // the first claim is made and the listener connected
        enqueuer.enqueue("elsewhere", "{}");
        assertTrue(ran.await(3, TimeUnit.SECONDS), "the job waited for the poll");
    }

    @Test
    void doneJobsAreDeletedAfterTheRetention() {
        Jobs jobs = jobs(db, FAST).register("k", job -> {});
        String old = jobs.enqueue("k", "{}");
        Instant now = clock.instant();
        Job claimed = db.tx(h -> JobStore.claim(h, List.of("k"), 1, "w", now, now.plusSeconds(30))).get(0);
        db.tx(h -> JobStore.markDone(h, claimed, now.minus(Duration.ofDays(8))));
        jobs.start(1);
        await(() -> jobs.status(old).isEmpty());
    }

    private static JobStatus awaitState(Jobs jobs, String id, JobState state) {
        await(() -> jobs.status(id).orElseThrow().state() == state);
        return jobs.status(id).orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting");
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
