package org.civicast.platform.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.ratelimit.InFlightLimit;
import org.civicast.platform.ratelimit.Limit;
import org.civicast.platform.ratelimit.RateAndSlot;
import org.civicast.platform.ratelimit.RateLimiter;
import org.jdbi.v3.core.Handle;

/**
 * Admits an API request: finds its caller with the surface's authentication and counts the request
 * against the caller's limit, or, without a valid credential, against the client address's. Every
 * request is counted before any refusal, so every answer (a 401, a suspended organization's 403, an
 * ambiguous credential's 400) carries the X-RateLimit-* headers and none escapes throttling.
 */
final class Gate {
    static final String PRINCIPAL = "civicast.principal";

    static final String PERMIT = "civicast.inFlightPermit";

    private final RateLimiter rateLimiter;
    private final InFlightLimit inFlight;
    private final RateAndSlot rateAndSlot;
    private final int defaultLimit;
    private final Clock clock;

    Gate(RateLimiter rateLimiter, InFlightLimit inFlight, RateAndSlot rateAndSlot, int defaultLimit, Clock clock) {
        this.rateLimiter = rateLimiter;
        this.inFlight = inFlight;
        this.rateAndSlot = rateAndSlot;
        this.defaultLimit = defaultLimit;
        this.clock = clock;
    }

    Principal admit(Context ctx, ApiSurface surface, String clientAddress) {
        Authentication authentication = surface.authentication();
        Optional<String> presented;
        ApiException malformed = null;
        try {
            presented = authentication.presented(ctx);
        } catch (ApiException e) {
            presented = Optional.empty();
            malformed = e;
        }
        Optional<Principal> principal = presented.flatMap(authentication::identify);
        ApiException standing = null;
        if (principal.isPresent()) {
            try {
                authentication.checkStanding(principal.get());
            } catch (ApiException e) {
                standing = e;
            }
        }
        int slots = surface.concurrentRequests();
        RateLimiter.Verdict verdict;
        Optional<InFlightLimit.Permit> permit = Optional.empty();
        if (slots > 0 && principal.isPresent() && standing == null) {
            // The caller will be let in if its count allows: count it and take its slot in one round trip.
            Principal p = principal.get();
            RateAndSlot.Answer answer = rateAndSlot.hit(p.keyId(), limitOf(p), p.organizationId(), slots);
            verdict = answer.verdict();
            permit = answer.permit();
        } else {
            verdict = principal
                    .map(p -> rateLimiter.hit(Limit.PER_KEY_PER_HOUR, p.keyId(), limitOf(p)))
                    .orElseGet(() -> rateLimiter.hit(Limit.PER_ADDRESS_PER_HOUR, clientAddress, defaultLimit));
        }
        long retryAfter = writeHeaders(verdict, ctx::header);
        if (!verdict.allowed()) {
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED,
                    "Rate limit exceeded; retry after " + verdict.resetEpochSecond() + " (Unix seconds)",
                    Map.of("retryAfter", retryAfter));
        }
        if (malformed != null) throw malformed;
        boolean none = presented.isEmpty();
        if (principal.isEmpty()) authentication.challenge().forEach(ctx::header);
        Principal admitted = principal.orElseThrow(() -> none ? authentication.missing() : authentication.unknown());
        if (standing != null) throw standing;
        if (slots > 0) {
            // No slot came with the count: all are held, or the account has none yet (acquire makes them).
            if (permit.isEmpty()) permit = inFlight.acquire(Limit.PER_ACCOUNT_IN_FLIGHT, admitted.organizationId(), slots);
            ctx.attribute(PERMIT, permit.orElseThrow(() -> {
                ctx.header("Retry-After", "1");
                return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "Too many simultaneous requests: "
                        + "this account may have " + slots + " running at once",
                        Map.of("retryAfter", 1, "concurrentRequests", slots));
            }));
        }
        ctx.attribute(PRINCIPAL, admitted);
        return admitted;
    }

    private int limitOf(Principal p) {
        return p.rateLimitPerHour() != null ? p.rateLimitPerHour() : defaultLimit;
    }

    /**
     * Frees the request's in-flight slot, if it holds one, with the work of its transaction
     * {@code h}: one statement in a transaction that commits anyway, instead of a transaction of
     * its own after it. If the transaction rolls back, the slot is still held and {@link #release}
     * frees it when the request ends.
     */
    void releaseWithin(Context ctx, Handle h) {
        InFlightLimit.Permit permit = ctx.attribute(PERMIT);
        if (permit == null) return;
        inFlight.release(h, permit);
        h.afterCommit(() -> ctx.attribute(PERMIT, null));
    }

    /** Frees the request's in-flight slot, if it holds one; called when every request ends. */
    void release(Context ctx) {
        InFlightLimit.Permit permit = ctx.attribute(PERMIT);
        if (permit != null) {
            ctx.attribute(PERMIT, null);
            try {
                inFlight.release(permit);
            } catch (RuntimeException e) {
                // The database is away: the slot's lease frees it in a few minutes.
            }
        }
    }

    /**
     * Counts a request refused before it could be routed (a malformed URI, oversized headers)
     * against its client address, and writes the headers every answer carries.
     */
    void countRefused(String clientAddress, BiConsumer<String, String> header) {
        writeHeaders(rateLimiter.hit(Limit.PER_ADDRESS_PER_HOUR, clientAddress, defaultLimit), header);
    }

    /** Writes the X-RateLimit-* headers (and Retry-After when over) and returns the seconds to wait. */
    private long writeHeaders(RateLimiter.Verdict verdict, BiConsumer<String, String> header) {
        header.accept("X-RateLimit-Limit", String.valueOf(verdict.limit()));
        header.accept("X-RateLimit-Remaining", String.valueOf(verdict.remaining()));
        header.accept("X-RateLimit-Reset", String.valueOf(verdict.resetEpochSecond()));
        long retryAfter = verdict.retryAfterSeconds(clock.instant());
        if (!verdict.allowed()) header.accept("Retry-After", String.valueOf(retryAfter));
        return retryAfter;
    }
}
