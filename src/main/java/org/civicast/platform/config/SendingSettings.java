package org.civicast.platform.config;

import java.time.Duration;

/**
 * How the sending engine paces broadcasts.
 *
 * @param quietHours             the default window recipients may be texted in, in their local time
 *                               ({@code 08:00-21:00}, or {@code none}); an organization may set its own
 * @param pacing                 false: no per-number or per-campaign rate (the daily cap and quiet
 *                               hours still apply) — for benchmarks, or a gateway that paces itself
 * @param numberSegmentsPerSecond each sending number's rate (0: none beyond the campaign's)
 * @param expiry                 how long after a send starts (or is resumed by a new schedule) its
 *                               messages may still go out; later they expire
 * @param dispatchers            how many dispatchers each instance runs at once, across broadcasts
 */
public record SendingSettings(String quietHours, boolean pacing, int numberSegmentsPerSecond, Duration expiry,
                              int dispatchers) {}
