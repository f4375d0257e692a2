package org.civicast.platform.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How workers poll, hold and retry jobs.
 *
 * @param pollInterval  how long an idle worker loop waits before looking for due jobs again
 * @param lease         how long a claim lasts without renewal; a running job's lease is renewed
 *                      every third of it, so only a dead or frozen worker loses one
 * @param maxAttempts   attempts a new job gets before it fails
 * @param backoffBase   the wait after the first failure; it doubles with each further failure
 * @param backoffMax    the longest wait between attempts
 * @param shutdownGrace how long {@link Jobs#close} lets running handlers finish
 * @param retention     how long finished jobs are kept before housekeeping deletes them (failed
 *                      jobs are kept until an operator retries or deletes them)
 */
public record JobsConfig(
        Duration pollInterval,
        Duration lease,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffMax,
        Duration shutdownGrace,
        Duration retention) {

    public JobsConfig {
        Objects.requireNonNull(pollInterval);
        Objects.requireNonNull(lease);
        Objects.requireNonNull(backoffBase);
        Objects.requireNonNull(backoffMax);
        Objects.requireNonNull(shutdownGrace);
        Objects.requireNonNull(retention);
        if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("pollInterval");
        if (lease.toMillis() < 300) throw new IllegalArgumentException("lease must be at least 300 ms");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff: 0 <= base <= max");
        }
    }

    /**
     * The defaults: poll every second, five-minute leases, and 16 attempts whose backoff (30 s
     * doubling up to an hour, jittered) outlasts a night-long maintenance window of a receiving
     * system.
     */
    public static JobsConfig defaults() {
        return new JobsConfig(Duration.ofSeconds(1), Duration.ofMinutes(5), 16, Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofDays(7));
    }

    public JobsConfig withPollInterval(Duration value) {
        return new JobsConfig(value, lease, maxAttempts, backoffBase, backoffMax, shutdownGrace, retention);
    }

    public JobsConfig withLease(Duration value) {
        return new JobsConfig(pollInterval, value, maxAttempts, backoffBase, backoffMax, shutdownGrace, retention);
    }

    public JobsConfig withMaxAttempts(int value) {
        return new JobsConfig(pollInterval, lease, value, backoffBase, backoffMax, shutdownGrace, retention);
    }

    public JobsConfig withBackoff(Duration base, Duration max) {
        return new JobsConfig(pollInterval, lease, maxAttempts, base, max, shutdownGrace, retention);
    }

    /** The same, with another grace for running handlers when workers stop. */
    public JobsConfig withShutdownGrace(Duration grace) {
        return new JobsConfig(pollInterval, lease, maxAttempts, backoffBase, backoffMax, grace, retention);
    }
}
