package org.civicast.platform.jobs;

/** One attempt at a job, as its handler sees it: {@code attempt} counts from 1. */
public record Job(String id, String kind, String payload, int attempt, int maxAttempts) {
    /** Whether a failure now would fail the job instead of scheduling a retry. */
    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
