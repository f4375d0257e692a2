package org.civicast.lookup;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known of one phone number's line.
 *
 * @param number     the number, E.164
 * @param carrier    the carrier now serving the number (after any port), when the source names one
 * @param lrn        its location routing number, the ten digits NPAC gives, when the source has it
 * @param ported     whether it was ported from the carrier its block belongs to; null when unknown
 * @param provider   who answered: {@code offline}, {@code telnyx} or {@code twilio}
 * @param lookedUpAt when that provider answered; a cached answer keeps its original time
 */
public record LineInfo(String number, LineType lineType, String carrier, String lrn, Boolean ported, String provider,
                       Instant lookedUpAt) {
    public LineInfo {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(lineType, "lineType");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(lookedUpAt, "lookedUpAt");
    }

    /** A number the provider says cannot be reached. */
    public static LineInfo invalid(String number, String provider, Instant at) {
        return new LineInfo(number, LineType.INVALID, null, null, null, provider, at);
    }
}
