package org.civicast.platform.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void doublesFromTheBaseUpToTheCap() {
        // 1.0 stands for the top of the random range, which is open: the longest wait possible.
        assertEquals(Duration.ofSeconds(30), Backoff.after(1, BASE, MAX, 1.0));
        assertEquals(Duration.ofSeconds(60), Backoff.after(2, BASE, MAX, 1.0));
        assertEquals(Duration.ofSeconds(120), Backoff.after(3, BASE, MAX, 1.0));
        assertEquals(Duration.ofHours(1), Backoff.after(9, BASE, MAX, 1.0));
        assertEquals(Duration.ofHours(1), Backoff.after(1000, BASE, MAX, 1.0));
    }

    @Test
    void jitterTakesOffUpToHalf() {
        assertEquals(Duration.ofSeconds(15), Backoff.after(1, BASE, MAX, 0.0));
        assertEquals(Duration.ofMinutes(30), Backoff.after(50, BASE, MAX, 0.0));
    }

    @Test
    void aZeroBaseRetriesAtOnce() {
        assertEquals(Duration.ZERO, Backoff.after(5, Duration.ZERO, Duration.ZERO, 0.7));
    }
}
