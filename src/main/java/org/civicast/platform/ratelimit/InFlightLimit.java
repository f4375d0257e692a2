package org.civicast.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.civicast.platform.db.Database;
import org.jdbi.v3.core.Handle;

/**
 * Requests in flight per subject (an account), across every instance on the database: each
 * request holds one of the subject's numbered slots while it runs. A slot is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claims never take the same one, and it carries a
 * lease, so a slot held by an instance that crashed frees itself.
 */
public final class InFlightLimit {
    /** Longer than any request runs; deliveries and imports run as background jobs, not requests. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Database db;
    private final Clock clock;

    public InFlightLimit(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A slot held by one request; release it when the request ends. */
    public record Permit(String subject, int slot, String holder) {}

    /** A slot of the subject's {@code limit}, or empty when all are held. */
    public Optional<Permit> acquire(Limit named, String who, int limit) {
        String subject = named.subject(who);
        String holder = newHolder();
        Optional<Integer> slot = claim(subject, holder, limit);
        if (slot.isEmpty()) {
            // Claimed again even when another request made the slots meanwhile (this insert then
            // makes none): a new account's first requests arrive together.
            ensureSlots(subject, limit);
            slot = claim(subject, holder, limit);
        }
        return slot.map(s -> new Permit(subject, s, holder));
    }

    public void release(Permit permit) {
        db.relaxedWrite(h -> release(h, permit));
    }

    /**
     * Frees the slot in the transaction of {@code h}: it is free once that commits, and still held
     * if it rolls back.
     */
    public int release(Handle h, Permit permit) {
        return h.createUpdate("""
                        UPDATE in_flight_slots SET holder = NULL, expires_at = NULL
                        WHERE subject = :subject AND slot = :slot AND holder = :holder""")
                .bind("subject", permit.subject())
                .bind("slot", permit.slot())
                .bind("holder", permit.holder())
                .execute();
    }

    private Optional<Integer> claim(String subject, String holder, int limit) {
        Instant now = clock.instant();
        return db.relaxedWrite(h -> h.createQuery(claim("true"))
                .bind("holder", holder)
                .bind("slotSubject", subject)
                .bind("slots", limit)
                .bind("now", now)
                .bind("expires", leaseEnd(now))
                .mapTo(Integer.class)
                .findOne());
    }

    /**
     * Takes the first free slot of {@code :slotSubject} below {@code :slots} for {@code :holder}
     * until {@code :expires}, when {@code alsoWhen} holds; answers the slot.
     */
    static String claim(String alsoWhen) {
        return """
                UPDATE in_flight_slots SET holder = :holder, expires_at = :expires
                WHERE (subject, slot) = (
                  SELECT subject, slot FROM in_flight_slots
                  WHERE subject = :slotSubject AND slot < :slots AND (holder IS NULL OR expires_at < :now)
                    AND %s
                  ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING slot""".formatted(alsoWhen);
    }

    static Instant leaseEnd(Instant now) {
        return now.plus(LEASE);
    }

    static String newHolder() {
        return UUID.randomUUID().toString();
    }

    /** Creates the subject's slots up to the limit, those that are missing. */
    private void ensureSlots(String subject, int limit) {
        db.relaxedWrite(h -> h.createUpdate("""
                        INSERT INTO in_flight_slots (subject, slot)
                        SELECT :subject, g FROM generate_series(0, :limit - 1) g
                        ON CONFLICT DO NOTHING""")
                .bind("subject", subject)
                .bind("limit", limit)
                .execute());
    }
}
