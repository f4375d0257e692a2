package org.civicast.platform.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.civicast.platform.db.Database;

/**
 * A request's rate-limit count and its in-flight slot in one statement. The gate needs both on
 * every request of a surface that limits simultaneous requests, and as two statements they were
 * two round trips, each costing the database more than its write. The slot is taken only when the
 * count lets the request through, from the same rows {@link InFlightLimit} claims and releases,
 * so every instance on the database shares both limits as before.
 */
public final class RateAndSlot {
    private final Database db;
    private final Clock clock;

    public RateAndSlot(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The count's verdict, and the slot when it allowed the request and one was free. An allowed
     * request without a slot found them all held, or its account has no slot rows yet: then
     * {@link InFlightLimit#acquire} tells which.
     */
    public record Answer(RateLimiter.Verdict verdict, Optional<InFlightLimit.Permit> permit) {}

    /** Counts a request of {@code key} against its hourly {@code limit}, then takes one of {@code account}'s {@code slots}. */
    public Answer hit(String key, int limit, String account, int slots) {
        String subject = Limit.PER_KEY_PER_HOUR.subject(key);
        String slotSubject = Limit.PER_ACCOUNT_IN_FLIGHT.subject(account);
        String holder = InFlightLimit.newHolder();
        Instant now = clock.instant();
        // The slot's statement sees the count's new row through the CTE, so an over-limit request takes none.
        return db.relaxedWrite(h -> h.createQuery("WITH hit AS (" + RateLimiter.HIT + "),\n"
                        + "held AS (" + InFlightLimit.claim("(SELECT hits FROM hit) <= :limit") + ")\n"
                        + "SELECT hit.hits, hit.window_start, (SELECT slot FROM held) AS slot FROM hit")
                .bind("subject", subject)
                .bind("start", RateLimiter.windowStart(now))
                .bind("now", now)
                .bind("limit", limit)
                .bind("holder", holder)
                .bind("slotSubject", slotSubject)
                .bind("slots", slots)
                .bind("expires", InFlightLimit.leaseEnd(now))
                .map((rs, ctx) -> {
                    Integer slot = rs.getObject("slot", Integer.class);
                    return new Answer(RateLimiter.verdict(rs, limit),
                            Optional.ofNullable(slot).map(s -> new InFlightLimit.Permit(slotSubject, s, holder)));
                })
                .one());
    }
}
