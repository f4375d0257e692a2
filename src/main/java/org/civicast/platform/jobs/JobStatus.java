package org.civicast.platform.jobs;

import java.time.Instant;

/**
 * A job as stored. {@code runAt} is when it may next run; {@code lockedUntil} is set while a
 * worker holds it; {@code lastError} is the latest failure, kept after a later success.
 */
public record JobStatus(
        String id,
        String kind,
        JobState state,
        int attempts,
        int maxAttempts,
        Instant runAt,
        String lockedBy,
        Instant lockedUntil,
        String lastError,
        Instant createdAt,
        Instant finishedAt) {}
