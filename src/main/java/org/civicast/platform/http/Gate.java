package org.civicast.platform.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.ratelimit.RateLimiter;

/**
 * Admits an API request: finds its key and counts it against its rate limit. A request without
 * a valid key is counted against its client address instead, so every answer, even a 401, carries
 * the X-RateLimit-* headers and guessing keys is throttled.
 */
final class Gate {
    static final String PRINCIPAL = "civicast.principal";

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final int defaultLimit;
    private final Clock clock;

    Gate(Authenticator authenticator, RateLimiter rateLimiter, int defaultLimit, Clock clock) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.defaultLimit = defaultLimit;
        this.clock = clock;
    }

    Principal admit(Context ctx, String clientAddress) {
        String presented = ctx.header("X-API-Key");
        Optional<Principal> principal = presented == null || presented.isBlank() || presented.length() > 200
                ? Optional.empty()
                : authenticator.authenticate(presented.trim());
        RateLimiter.Verdict verdict = principal
                .map(p -> rateLimiter.hit("key:" + p.keyId(),
                        p.rateLimitPerHour() != null ? p.rateLimitPerHour() : defaultLimit))
                .orElseGet(() -> rateLimiter.hit("ip:" + clientAddress, defaultLimit));
        ctx.header("X-RateLimit-Limit", String.valueOf(verdict.limit()));
        ctx.header("X-RateLimit-Remaining", String.valueOf(verdict.remaining()));
        ctx.header("X-RateLimit-Reset", String.valueOf(verdict.resetEpochSecond()));
        if (!verdict.allowed()) {
            long retryAfter = verdict.retryAfterSeconds(clock.instant());
            ctx.header("Retry-After", String.valueOf(retryAfter));
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED,
                    "Rate limit exceeded; retry after " + verdict.resetEpochSecond() + " (Unix seconds)",
                    java.util.Map.of("retryAfter", retryAfter));
        }
        Principal admitted = principal.orElseThrow(() -> new ApiException(ErrorCode.INVALID_API_KEY,
                presented == null || presented.isBlank()
                        ? "Missing API key: send it in the X-API-Key header"
                        : "Invalid or revoked API key"));
        ctx.attribute(PRINCIPAL, admitted);
        return admitted;
    }
}
