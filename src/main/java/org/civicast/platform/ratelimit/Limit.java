package org.civicast.platform.ratelimit;

/**
 * The server's named limits. Each counts requests per subject in fixed clock-hour windows kept in
 * PostgreSQL, so every instance on the database shares one count; the name prefixes the subject
 * in {@code rate_limit_windows}. A limit of another kind (requests in flight per account) gets a
 * name here and a counter of its own beside {@link RateLimiter}, as {@link InFlightLimit} does.
 */
public enum Limit {
    /** Requests per credential (API key, account token) per hour; a credential may carry its own allowance. */
    PER_KEY_PER_HOUR("key"),
    /** Requests per client address per hour, for requests without a valid credential. */
    PER_ADDRESS_PER_HOUR("ip"),
    /** Requests of one account running at once (see {@link InFlightLimit}). */
    PER_ACCOUNT_IN_FLIGHT("inflight");

    private final String subjectPrefix;

    Limit(String subjectPrefix) {
        this.subjectPrefix = subjectPrefix;
    }

    String subject(String who) {
        return subjectPrefix + ":" + who;
    }

    String subjectPattern() {
        return subjectPrefix + ":%";
    }
}
