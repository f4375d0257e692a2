package org.civicast.platform.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for the jobs table. Every change to a claimed job names the attempt it belongs to, so a
 * worker that lost its lease (frozen, then back) cannot finish or reschedule a newer attempt.
 */
final class JobStore {
    private JobStore() {}

    /** One job's row; its parameters are named apart, as it may be one of a caller's WITH queries. */
    static final String INSERT = """
            INSERT INTO jobs (id, kind, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
            VALUES (:jobId, :jobKind, :jobPayload, 'queued', 0, :jobMaxAttempts, :jobRunAt, :jobNow, :jobNow)""";

    static void insert(Handle h, String id, String kind, String payload, int maxAttempts, Instant runAt, Instant now) {
        bindInsert(h.createUpdate(INSERT), id, kind, payload, maxAttempts, runAt, now).execute();
    }

    static <S extends SqlStatement<S>> S bindInsert(S statement, String id, String kind, String payload,
                                                   int maxAttempts, Instant runAt, Instant now) {
        return statement.bind("jobId", id).bind("jobKind", kind).bind("jobPayload", payload)
                .bind("jobMaxAttempts", maxAttempts).bind("jobRunAt", runAt).bind("jobNow", now);
    }

    /** Jobs of one kind due now, one row per payload, in a single statement. */
    static void insertAll(Handle h, List<String> ids, String kind, List<String> payloads, int maxAttempts, Instant now) {
        h.createUpdate("""
                INSERT INTO jobs (id, kind, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
                SELECT id, :kind, payload, 'queued', 0, :max, :now, :now, :now
                FROM unnest(:ids, :payloads) AS j(id, payload)
                """)
                .bindArray("ids", String.class, ids).bindArray("payloads", String.class, payloads)
                .bind("kind", kind).bind("max", maxAttempts).bind("now", now)
                .execute();
    }

    /**
     * Claims up to {@code limit} due jobs of the given kinds: queued ones whose time has come, and
     * running ones whose worker let the lease run out with attempts left. Rows another worker is
     * claiming at this moment are skipped, not waited for.
     *
     * <p>The two kinds of due job are read by two selects, each walking its own partial index in
     * order and stopping at the limit. One select with an OR of both conditions made PostgreSQL
     * combine the indexes as bitmaps and sort the whole due backlog on every poll: at ten thousand
     * queued letters a claim took 5.7 ms instead of 0.1 ms.
     *
     * <p>The limit is written into the SQL, not bound: PostgreSQL guesses that a bound limit keeps a
     * tenth of the rows, so its plan for any limit never looked as cheap as one for the limit given,
     * and it planned the claim afresh on many polls, which cost more than running it. A worker's
     * limits are its few numbers of free slots, each one statement prepared once per connection.
     */
    static List<Job> claim(Handle h, Collection<String> kinds, int limit, String worker, Instant now, Instant leaseEnd) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        return h.createQuery("""
                WITH queued AS (
                    SELECT id, run_at AS due_at FROM jobs
                    WHERE state = 'queued' AND run_at <= :now AND kind = ANY(:kinds)
                    ORDER BY run_at
                    LIMIT <limit>
                    FOR UPDATE SKIP LOCKED),
                expired AS (
                    SELECT id, locked_until AS due_at FROM jobs
                    WHERE state = 'running' AND locked_until <= :now AND attempts < max_attempts
                      AND kind = ANY(:kinds)
                    ORDER BY locked_until
                    LIMIT <limit>
                    FOR UPDATE SKIP LOCKED),
                due AS (
                    SELECT id FROM (SELECT * FROM queued UNION ALL SELECT * FROM expired) d
                    ORDER BY due_at
                    LIMIT <limit>)
                UPDATE jobs j
                SET last_error = CASE WHEN j.state = 'running'
                                      THEN 'attempt ' || j.attempts || ' did not finish: worker ' || j.locked_by
                                           || ' stopped renewing its lease'
                                      ELSE j.last_error END,
                    state = 'running', attempts = j.attempts + 1, locked_by = :worker, locked_until = :leaseEnd,
                    updated_at = :now
                FROM due WHERE j.id = due.id
                RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts
                """)
                .bindArray("kinds", String.class, kinds)
                .define("limit", limit)
                .bind("now", now).bind("worker", worker).bind("leaseEnd", leaseEnd)
                .map((rs, ctx) -> new Job(rs.getString("id"), rs.getString("kind"), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getInt("max_attempts")))
                .list();
    }

    /** Renews the leases of attempts this worker still holds. */
    static void renew(Handle h, List<String> ids, List<Integer> attempts, String worker, Instant leaseEnd) {
        if (ids.isEmpty()) return;
        h.createUpdate("""
                UPDATE jobs j SET locked_until = :leaseEnd
                FROM unnest(:ids, :attempts) AS held(id, attempt)
                WHERE j.id = held.id AND j.attempts = held.attempt AND j.state = 'running' AND j.locked_by = :worker
                """)
                .bindArray("ids", String.class, ids)
                .bindArray("attempts", Integer.class, attempts)
                .bind("worker", worker).bind("leaseEnd", leaseEnd)
                .execute();
    }

    static boolean markDone(Handle h, Job job, Instant now) {
        return h.createUpdate("""
                UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, finished_at = :now, updated_at = :now
                WHERE id = :id AND attempts = :attempt AND state = 'running'
                """)
                .bind("id", job.id()).bind("attempt", job.attempt()).bind("now", now)
                .execute() == 1;
    }

    static boolean reschedule(Handle h, Job job, Instant runAt, String error, Instant now) {
        return h.createUpdate("""
                UPDATE jobs SET state = 'queued', run_at = :runAt, locked_by = NULL, locked_until = NULL,
                       last_error = :error, updated_at = :now
                WHERE id = :id AND attempts = :attempt AND state = 'running'
                """)
                .bind("id", job.id()).bind("attempt", job.attempt()).bind("runAt", runAt).bind("error", error)
                .bind("now", now)
                .execute() == 1;
    }

    static boolean markFailed(Handle h, Job job, String error, Instant now) {
        return h.createUpdate("""
                UPDATE jobs SET state = 'failed', locked_by = NULL, locked_until = NULL, last_error = :error,
                       finished_at = :now, updated_at = :now
                WHERE id = :id AND attempts = :attempt AND state = 'running'
                """)
                .bind("id", job.id()).bind("attempt", job.attempt()).bind("error", error).bind("now", now)
                .execute() == 1;
    }

    /** Fails jobs whose last attempt's worker died: nobody else will claim them. */
    static int failAbandoned(Handle h, Instant now) {
        return h.createUpdate("""
                UPDATE jobs SET state = 'failed', finished_at = :now, updated_at = :now,
                       last_error = 'attempt ' || attempts || ' of ' || max_attempts || ' did not finish: worker '
                                    || locked_by || ' stopped renewing its lease',
                       locked_by = NULL, locked_until = NULL
                WHERE state = 'running' AND locked_until <= :now AND attempts >= max_attempts
                """)
                .bind("now", now)
                .execute();
    }

    static int deleteDone(Handle h, Instant finishedBefore) {
        return h.createUpdate("DELETE FROM jobs WHERE state = 'done' AND finished_at < :before")
                .bind("before", finishedBefore)
                .execute();
    }

    /** Queues a failed job again with its attempts reset. */
    static boolean requeue(Handle h, String id, Instant now) {
        return h.createUpdate("""
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = :now, finished_at = NULL, updated_at = :now
                WHERE id = :id AND state = 'failed'
                """)
                .bind("id", id).bind("now", now)
                .execute() == 1;
    }

    /** The latest jobs, newest first, optionally of one state and one kind. */
    static List<JobStatus> recent(Handle h, String state, String kind, int limit) {
        return h.createQuery("""
                SELECT * FROM jobs
                WHERE (CAST(:state AS text) IS NULL OR state = :state) AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("state", state).bind("kind", kind).bind("limit", limit)
                .map(JobStore::status).list();
    }

    static Optional<JobStatus> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM jobs WHERE id = :id").bind("id", id).map(JobStore::status).findOne();
    }

    private static JobStatus status(ResultSet rs, StatementContext ctx) throws SQLException {
        return new JobStatus(
                rs.getString("id"),
                rs.getString("kind"),
                JobState.of(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                Sql.instant(rs, "run_at"),
                rs.getString("locked_by"),
                Sql.instant(rs, "locked_until"),
                rs.getString("last_error"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "finished_at"));
    }
}
