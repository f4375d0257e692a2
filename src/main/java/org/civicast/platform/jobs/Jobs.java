package org.civicast.platform.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.civicast.platform.db.Database;
import org.civicast.platform.ids.Ids;

/**
 * Durable background work shared by every instance on one database.
 *
 * <p>{@link #enqueue} writes a job in the caller's transaction (joining the ambient one), so the
 * job exists exactly when the change that asked for it committed. {@link #start} runs workers
 * that claim due jobs of the kinds {@linkplain #register registered} here, run their handlers, and
 * retry failures with backoff until the job's attempts are used up. A worker holds a job under a
 * lease it keeps renewing; if its instance dies, the lease runs out and another instance takes the
 * job over. Each attempt is run by one worker at a time, and a job is done once.
 *
 * <p>Workers look for due jobs every poll interval, and sooner when told: a job queued on this
 * instance wakes its workers as its transaction commits, and one queued on another instance
 * through a {@link JobSignals signal} from the database. Either may be missed; the poll is not.
 */
public final class Jobs implements AutoCloseable {
    private final Database db;
    private final Clock clock;
    private final JobsConfig config;
    private final Ids ids;
    private final Map<String, RecordingJobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final java.util.List<Workers> workers = new java.util.ArrayList<>();
    /** The started workers, read on commit of enqueuing transactions: empty until {@link #start}. */
    private volatile java.util.List<Workers> started = java.util.List.of();
    private final JobSignals signals;

    /**
     * Workers of their own for some kinds of job: long-running work (a broadcast that paces itself
     * for hours) then never holds the slots that everything else runs in.
     */
    public record Lane(String name, int concurrency, java.time.Duration shutdownGrace) {
        public Lane {
            if (concurrency < 1) throw new IllegalArgumentException("a lane needs at least one worker");
            Objects.requireNonNull(shutdownGrace);
        }
    }

    public Jobs(Database db, Clock clock, JobsConfig config) {
        this.db = Objects.requireNonNull(db);
        this.clock = Objects.requireNonNull(clock);
        this.config = Objects.requireNonNull(config);
        this.ids = new Ids(clock);
        this.signals = new JobSignals(db, this::wake, () -> started.forEach(Workers::signal),
                config.pollInterval().multipliedBy(5));
    }

    /** Names the handler for a kind of job. Register every kind before {@link #start}. */
    public Jobs register(String kind, JobHandler handler) {
        return register(kind, handler, null);
    }

    /** Names the handler for a kind of job run by its lane's workers ({@code null}: the shared ones). */
    public Jobs register(String kind, JobHandler handler, Lane lane) {
        Objects.requireNonNull(handler);
        return registerRecording(kind, job -> {
            handler.run(job);
            return null;
        }, lane);
    }

    /** Names the handler for a kind of job whose outcome commits with its completion. Register before {@link #start}. */
    public Jobs registerRecording(String kind, RecordingJobHandler handler) {
        return registerRecording(kind, handler, null);
    }

    private synchronized Jobs registerRecording(String kind, RecordingJobHandler handler, Lane lane) {
        requireKind(kind);
        Objects.requireNonNull(handler);
        if (!workers.isEmpty()) throw new IllegalStateException("register handlers before start");
        if (handlers.putIfAbsent(kind, handler) != null) throw new IllegalStateException(kind + " has a handler already");
        if (lane != null) lanes.put(kind, lane);
        return this;
    }

    /** Queues a job to run now; returns its id. Joins the caller's transaction if there is one. */
    public String enqueue(String kind, String payload) {
        return enqueue(kind, payload, null);
    }

    /**
     * Queues a job to run at or after {@code runAt} (null: now); returns its id. Any instance may
     * enqueue any kind: the instances that registered a handler for it run it.
     */
    public String enqueue(String kind, String payload, Instant runAt) {
        requireKind(kind);
        Objects.requireNonNull(payload, "payload");
        Instant now = clock.instant();
        String id = ids.next("job");
        db.tx(h -> {
            JobStore.insert(h, id, kind, payload, config.maxAttempts(), runAt == null ? now : runAt, now);
            if (runAt == null || !runAt.isAfter(now)) wakeOnCommit(h, kind);
            return null;
        });
        return id;
    }

    /**
     * A job of this kind to run now, queued by the caller's own statement (see {@link JobInsert}):
     * a round trip less than {@link #enqueue}.
     */
    public JobInsert toInsert(String kind, String payload) {
        requireKind(kind);
        Objects.requireNonNull(payload, "payload");
        return new JobInsert(ids.next("job"), kind, payload, config.maxAttempts(), clock.instant(),
                h -> wakeOnCommit(h, kind));
    }

    /**
     * Queues several jobs of one kind to run now, in one statement; returns their ids in the
     * payloads' order. Joins the caller's transaction as {@link #enqueue} does.
     */
    public java.util.List<String> enqueueAll(String kind, java.util.List<String> payloads) {
        requireKind(kind);
        payloads.forEach(p -> Objects.requireNonNull(p, "payload"));
        if (payloads.isEmpty()) return java.util.List.of();
        Instant now = clock.instant();
        java.util.List<String> jobIds = payloads.stream().map(p -> ids.next("job")).toList();
        db.tx(h -> {
            JobStore.insertAll(h, jobIds, kind, payloads, config.maxAttempts(), now);
            wakeOnCommit(h, kind);
            return null;
        });
        return jobIds;
    }

    /** Has the workers of this kind, here and on other instances, look for it once h's transaction commits. */
    private void wakeOnCommit(org.jdbi.v3.core.Handle h, String kind) {
        h.afterCommit(() -> wake(kind));
        signals.send(h, kind);
    }

    /** Wakes this instance's workers of the kind, if it runs it. */
    private void wake(String kind) {
        for (Workers w : started) {
            if (w.runs(kind)) w.signal();
        }
    }

    public Optional<JobStatus> status(String id) {
        return db.read(h -> JobStore.find(h, id));
    }

    /** The latest jobs, newest first; {@code state} and {@code kind} narrow them when not null. */
    public java.util.List<JobStatus> recent(String state, String kind, int limit) {
        return db.read(h -> JobStore.recent(h, state, kind, limit));
    }

    /** Queues a failed job again with a fresh set of attempts; false if it is not failed. */
    public boolean retry(String id) {
        return db.tx(h -> JobStore.requeue(h, id, clock.instant()));
    }

    /**
     * Starts a loop that runs up to {@code concurrency} jobs at once on virtual threads, and one
     * loop per lane with the lane's own number of workers.
     */
    public synchronized void start(int concurrency) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        if (!workers.isEmpty()) throw new IllegalStateException("already started");
        if (handlers.isEmpty()) throw new IllegalStateException("no job handlers registered");
        // Kinds without a lane share the general workers (the null key).
        Map<Lane, Map<String, RecordingJobHandler>> byLane = new java.util.HashMap<>();
        handlers.forEach((kind, handler) ->
                byLane.computeIfAbsent(lanes.get(kind), l -> new java.util.HashMap<>()).put(kind, handler));
        byLane.forEach((lane, kinds) -> workers.add(lane == null
                ? new Workers(db, clock, config, Map.copyOf(kinds), concurrency)
                : new Workers(db, clock, config.withShutdownGrace(lane.shutdownGrace()), Map.copyOf(kinds),
                        lane.concurrency())));
        workers.forEach(Workers::start);
        started = java.util.List.copyOf(workers);
        signals.listen();
    }

    /** Stops claiming, lets running handlers finish for the configured grace, then interrupts them. */
    @Override
    public synchronized void close() {
        signals.close();
        workers.parallelStream().forEach(Workers::close);
    }

    private static void requireKind(String kind) {
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("a job needs a kind");
    }
}
