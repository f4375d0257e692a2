package org.civicast.platform.jobs;

import java.time.Duration;

/**
 * Waits between attempts: doubling from the base up to the cap, then scaled by a random factor in
 * [0.5, 1) so that jobs failing together (a receiver went down) do not all come back together.
 */
final class Backoff {
    private Backoff() {}

    /** The wait after {@code failedAttempt} (1 for the first) failed; {@code random} is in [0, 1). */
    static Duration after(int failedAttempt, Duration base, Duration max, double random) {
        long baseMillis = base.toMillis();
        long capMillis = max.toMillis();
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 40);
        long full = baseMillis > (capMillis >> doublings) ? capMillis : Math.min(capMillis, baseMillis << doublings);
        return Duration.ofMillis((long) (full * (0.5 + 0.5 * random)));
    }
}
