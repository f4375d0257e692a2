package org.civicast.platform.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.civicast.platform.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's workers: a loop that claims as many due jobs as it has free slots, a virtual
 * thread per running job, and an upkeep thread that renews this instance's leases, fails jobs
 * whose last attempt was abandoned by a dead worker, and deletes old finished jobs.
 */
final class Workers {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private static final int MAX_ERROR_CHARS = 2000;

    private final Database db;
    private final Clock clock;
    private final JobsConfig config;
    private final Map<String, RecordingJobHandler> handlers;
    private final int concurrency;
    private final Semaphore slots;
    private final String name;
    /** Attempts this instance is running, for lease renewal: job id to attempt number. */
    private final Map<String, Integer> held = new ConcurrentHashMap<>();
    private final ExecutorService running = Executors.newVirtualThreadPerTaskExecutor();
    private final Object wake = new Object();
    /** A job may have been queued since the poller last claimed: it claims again without waiting. Guarded by wake. */
    private boolean signalled;
    private volatile boolean stopping;
    private Thread poller;
    private Thread upkeep;

    Workers(Database db, Clock clock, JobsConfig config, Map<String, RecordingJobHandler> handlers, int concurrency) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.handlers = handlers;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        this.name = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    void start() {
        poller = Thread.ofVirtual().name("jobs-poller-" + name).start(this::poll);
        upkeep = Thread.ofVirtual().name("jobs-upkeep-" + name).start(this::upkeep);
    }

    private void poll() {
        while (!stopping) {
            try {
                // Wait for a free slot, looking up now and then to see whether to stop.
                if (!slots.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) continue;
                slots.release();
                int free = slots.availablePermits();
                synchronized (wake) {
                    signalled = false;
                }
                Instant now = clock.instant();
                List<Job> claimed = db.tx(h -> JobStore.claim(h, handlers.keySet(), free, name, now,
                        now.plus(config.lease())));
                for (Job job : claimed) {
                    slots.acquireUninterruptibly();
                    held.put(job.id(), job.attempt());
                    running.execute(() -> runOne(job));
                }
                // A full batch suggests more are due: look again as soon as a slot frees up.
                if (claimed.size() < free) pauseUnlessSignalled(config.pollInterval());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) return;
                LOG.warn("jobs: cannot claim due jobs; trying again shortly: {}", e.toString());
                pause(config.pollInterval().multipliedBy(5));
            }
        }
    }

    private void runOne(Job job) {
        try {
            Throwable failure = null;
            RecordingJobHandler.Outcome outcome = null;
            try {
                outcome = handlers.get(job.kind()).run(job);
            } catch (Throwable t) {
                failure = t;
            }
            record(job, outcome, failure);
        } catch (RuntimeException e) {
            // The database is out of reach, or the outcome's write failed: nothing of this attempt's end
            // is stored, so the lease runs out and the job runs again.
            LOG.warn("jobs: cannot record the outcome of {} attempt {}: {}", job.id(), job.attempt(), e.toString());
        } finally {
            held.remove(job.id());
            slots.release();
        }
    }

    private void record(Job job, RecordingJobHandler.Outcome outcome, Throwable failure) {
        Instant now = clock.instant();
        boolean ours;
        if (failure == null) {
            // The outcome is kept even when the lease was lost meanwhile, as it would be had the
            // handler written it itself: the work was done.
            ours = db.tx(h -> {
                if (outcome != null) outcome.record(h);
                return JobStore.markDone(h, job, now);
            });
        } else {
            String error = describe(failure);
            if (failure instanceof PermanentJobFailure || job.lastAttempt()) {
                LOG.warn("jobs: {} {} failed for good on attempt {} of {}: {}", job.kind(), job.id(), job.attempt(),
                        job.maxAttempts(), error);
                ours = db.tx(h -> JobStore.markFailed(h, job, error, now));
            } else {
                Duration wait = Backoff.after(job.attempt(), config.backoffBase(), config.backoffMax(),
                        ThreadLocalRandom.current().nextDouble());
                LOG.info("jobs: {} {} attempt {} of {} failed, next in {}s: {}", job.kind(), job.id(), job.attempt(),
                        job.maxAttempts(), wait.toSeconds(), error);
                ours = db.tx(h -> JobStore.reschedule(h, job, now.plus(wait), error, now));
            }
        }
        if (!ours) {
            LOG.warn("jobs: {} attempt {} finished after its lease was taken over; its outcome is not recorded",
                    job.id(), job.attempt());
        }
    }

    private void upkeep() {
        // A third of the lease keeps leases alive through two missed renewals; the poll-based bound
        // lets a dead worker's last attempt be failed soon after its lease runs out.
        Duration every = min(config.lease().dividedBy(3), config.pollInterval().multipliedBy(5));
        Instant lastPurge = null;
        while (!stopping) {
            pause(every);
            if (stopping) return;
            try {
                List<String> ids = new ArrayList<>();
                List<Integer> attempts = new ArrayList<>();
                held.forEach((id, attempt) -> {
                    ids.add(id);
                    attempts.add(attempt);
                });
                Instant now = clock.instant();
                db.tx(h -> {
                    JobStore.renew(h, ids, attempts, name, now.plus(config.lease()));
                    int abandoned = JobStore.failAbandoned(h, now);
                    if (abandoned > 0) LOG.warn("jobs: {} job(s) failed: their last attempt's worker died", abandoned);
                    return null;
                });
                if (lastPurge == null || Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) > 0) {
                    db.tx(h -> JobStore.deleteDone(h, now.minus(config.retention())));
                    lastPurge = now;
                }
            } catch (RuntimeException e) {
                if (stopping) return;
                LOG.warn("jobs: cannot renew leases: {}", e.toString());
            }
        }
    }

    /** Wakes the poller now: a job of a kind these workers run was queued. */
    void signal() {
        synchronized (wake) {
            signalled = true;
            wake.notifyAll();
        }
    }

    boolean runs(String kind) {
        return handlers.containsKey(kind);
    }

    /** Waits for the interval, or less when stopping or signalled. */
    private void pauseUnlessSignalled(Duration interval) {
        synchronized (wake) {
            if (stopping || signalled) return;
            try {
                wake.wait(Math.max(1, interval.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the interval, or less when stopping; signals do not end it. */
    private void pause(Duration interval) {
        long end = System.nanoTime() + interval.toNanos();
        synchronized (wake) {
            try {
                for (long left = interval.toMillis(); !stopping && left > 0;
                     left = (end - System.nanoTime()) / 1_000_000) {
                    wake.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void close() {
        synchronized (wake) {
            stopping = true;
            wake.notifyAll();
        }
        // Interrupting a thread inside JDBC closes its connection, so the loops are let finish instead.
        join(poller);
        running.shutdown();
        try {
            if (!running.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("jobs: {} job(s) still running after {}s; interrupting them (their leases will run out)",
                        concurrency - slots.availablePermits(), config.shutdownGrace().toSeconds());
                running.shutdownNow();
                running.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        join(upkeep);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void join(Thread thread) {
        try {
            if (!thread.join(Duration.ofSeconds(10))) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure instanceof PermanentJobFailure ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
    }
}
