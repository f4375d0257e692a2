package org.civicast.sending;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Rates shared by all dispatchers of all instances, as a generic cell rate algorithm over one
 * row per scope: the row holds the theoretical time at which the next segment may go, a dispatcher
 * locks it in its claim's transaction, sees how many segments have accrued (at most one second's
 * worth, so an idle campaign does not burst), and moves the time on by what it took.
 */
final class SendRates {
    private SendRates() {}

    /** A scope's rate, in segments per second, and the burst it may take at once. */
    record Rate(String scope, double perSecond, int burst) {
        static Rate of(String scope, double perSecond, int atLeast) {
            return new Rate(scope, perSecond, Math.max(atLeast, (int) Math.floor(perSecond)));
        }
    }

    /** Locks the scope and answers how many segments it may send at {@code now}. */
    static int available(Handle h, Rate rate, Instant now) {
        Instant tat = h.createQuery("""
                INSERT INTO send_rates (scope, theoretical_arrival) VALUES (:scope, :now)
                ON CONFLICT (scope) DO UPDATE SET theoretical_arrival = send_rates.theoretical_arrival
                RETURNING theoretical_arrival""")
                .bind("scope", rate.scope()).bind("now", now).mapTo(Instant.class).one();
        double behind = Math.max(0, Duration.between(now, tat).toNanos() / 1e9);
        return (int) Math.max(0, Math.floor(rate.burst() - behind * rate.perSecond()));
    }

    /** Records that {@code segments} went at {@code now} (after {@link #available} in the same transaction). */
    static void take(Handle h, Rate rate, int segments, Instant now) {
        if (segments <= 0) return;
        long nanos = (long) Math.ceil(segments / rate.perSecond() * 1e9);
        h.createUpdate("""
                UPDATE send_rates SET theoretical_arrival = greatest(theoretical_arrival, CAST(:now AS timestamptz))
                                                           + make_interval(secs => :seconds)
                WHERE scope = :scope""")
                .bind("scope", rate.scope()).bind("now", now).bind("seconds", nanos / 1e9).execute();
    }

    /** How long until {@code segments} will have accrued, at best. */
    static Duration waitFor(Rate rate, int segments) {
        return Duration.ofNanos((long) Math.ceil(Math.max(1, segments) / rate.perSecond() * 1e9));
    }
}
