package org.civicast.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.platform.db.Database;

/**
 * Counts requests against the {@link Limit named limits}: fixed hourly windows per subject (an API
 * key, or a client address for unauthenticated calls), in PostgreSQL so every server instance on
 * the database shares one count.
 *
 * <p>The same row keeps the subject's lifetime request count and last request time, which is
 * how API keys report their usage without a second write per request.
 */
public final class RateLimiter {
    private static final Duration WINDOW = Duration.ofHours(1);

    private final Database db;
    private final Clock clock;

    public RateLimiter(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts one request of {@code who} against a limit's current window and says whether it may proceed. */
    public Verdict hit(Limit named, String who, int limit) {
        String subject = named.subject(who);
        Instant now = clock.instant();
        Instant windowStart = windowStart(now);
        // A lost count after a crash is harmless; waiting for the disk on every request is not.
        return db.relaxedWrite(h -> h.createQuery(HIT)
                    .bind("subject", subject)
                    .bind("start", windowStart)
                    .bind("now", now)
                    .map((rs, ctx) -> verdict(rs, limit))
                    .one());
    }

    /** Counts a hit of {@code :subject} at {@code :now} in the window from {@code :start}; answers hits, window_start. */
    static final String HIT = """
            INSERT INTO rate_limit_windows (subject, window_start, hits, total_hits, last_hit_at)
            VALUES (:subject, :start, 1, 1, :now)
            ON CONFLICT (subject) DO UPDATE SET
              hits = CASE WHEN rate_limit_windows.window_start >= excluded.window_start
                          THEN rate_limit_windows.hits + 1 ELSE 1 END,
              window_start = GREATEST(rate_limit_windows.window_start, excluded.window_start),
              total_hits = rate_limit_windows.total_hits + 1,
              last_hit_at = GREATEST(rate_limit_windows.last_hit_at, excluded.last_hit_at)
            RETURNING hits, window_start""";

    static Verdict verdict(java.sql.ResultSet rs, int limit) throws java.sql.SQLException {
        int hits = rs.getInt("hits");
        Instant start = rs.getTimestamp("window_start").toInstant();
        long reset = start.plus(WINDOW).getEpochSecond();
        return new Verdict(limit, Math.max(0, limit - hits), reset, hits <= limit);
    }

    static Instant windowStart(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Forgets the windows of client addresses (unauthenticated callers) that have been quiet for
     * a day; key windows stay, since they also carry the key's usage.
     */
    public int purgeQuietAddresses() {
        return db.relaxedWrite(h -> h.createUpdate(
                        "DELETE FROM rate_limit_windows WHERE subject LIKE :quiet AND last_hit_at < :before")
                .bind("quiet", Limit.PER_ADDRESS_PER_HOUR.subjectPattern())
                .bind("before", clock.instant().minus(java.time.Duration.ofDays(1)))
                .execute());
    }

    /** Lifetime request count and last request time under a limit, by who made them, for those who did. */
    public Map<String, Usage> usage(Limit named, Collection<String> whos) {
        if (whos.isEmpty()) return Map.of();
        Map<String, String> whoBySubject = new HashMap<>();
        for (String who : whos) whoBySubject.put(named.subject(who), who);
        List<String> subjects = List.copyOf(whoBySubject.keySet());
        Map<String, Usage> result = new HashMap<>();
        db.read(h -> h.createQuery(
                        "SELECT subject, total_hits, last_hit_at FROM rate_limit_windows WHERE subject IN (<subjects>)")
                .bindList("subjects", subjects)
                .map((rs, ctx) -> result.put(whoBySubject.get(rs.getString("subject")),
                        new Usage(rs.getLong("total_hits"), rs.getTimestamp("last_hit_at").toInstant())))
                .list());
        return result;
    }

    public record Usage(long requestCount, Instant lastUsedAt) {}

    /** The answer for one request, with what the X-RateLimit-* headers must say. */
    public record Verdict(int limit, int remaining, long resetEpochSecond, boolean allowed) {
        public long retryAfterSeconds(Instant now) {
            return Math.max(1, resetEpochSecond - now.getEpochSecond());
        }
    }
}
