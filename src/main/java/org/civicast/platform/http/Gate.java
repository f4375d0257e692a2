package org.civicast.platform.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.ratelimit.Limit;
import org.civicast.platform.ratelimit.RateLimiter;

/**
 * Admits an API request: finds its caller with the surface's authentication and counts the request
 * against the caller's limit, or, without a valid credential, against the client address's. Every
 * request is counted before any refusal, so every answer (a 401, a suspended organization's 403, an
 * ambiguous credential's 400) carries the X-RateLimit-* headers and none escapes throttling.
 */
final class Gate {
    static final String PRINCIPAL = "civicast.principal";

    private final RateLimiter rateLimiter;
    private final int defaultLimit;
    private final Clock clock;

    Gate(RateLimiter rateLimiter, int defaultLimit, Clock clock) {
        this.rateLimiter = rateLimiter;
        this.defaultLimit = defaultLimit;
        this.clock = clock;
    }

    Principal admit(Context ctx, Authentication authentication, String clientAddress) {
        Optional<String> presented;
        ApiException malformed = null;
        try {
            presented = authentication.presented(ctx);
        } catch (ApiException e) {
            presented = Optional.empty();
            malformed = e;
        }
        Optional<Principal> principal = presented.flatMap(authentication::identify);
        RateLimiter.Verdict verdict = principal
                .map(p -> rateLimiter.hit(Limit.PER_KEY_PER_HOUR, p.keyId(),
                        p.rateLimitPerHour() != null ? p.rateLimitPerHour() : defaultLimit))
                .orElseGet(() -> rateLimiter.hit(Limit.PER_ADDRESS_PER_HOUR, clientAddress, defaultLimit));
        ctx.header("X-RateLimit-Limit", String.valueOf(verdict.limit()));
        ctx.header("X-RateLimit-Remaining", String.valueOf(verdict.remaining()));
        ctx.header("X-RateLimit-Reset", String.valueOf(verdict.resetEpochSecond()));
        if (!verdict.allowed()) {
            long retryAfter = verdict.retryAfterSeconds(clock.instant());
            ctx.header("Retry-After", String.valueOf(retryAfter));
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED,
                    "Rate limit exceeded; retry after " + verdict.resetEpochSecond() + " (Unix seconds)",
                    Map.of("retryAfter", retryAfter));
        }
        if (malformed != null) throw malformed;
        boolean none = presented.isEmpty();
        Principal admitted = principal.orElseThrow(() -> none ? authentication.missing() : authentication.unknown());
        authentication.checkStanding(admitted);
        ctx.attribute(PRINCIPAL, admitted);
        return admitted;
    }
}
