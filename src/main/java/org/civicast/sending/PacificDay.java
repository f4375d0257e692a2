package org.civicast.sending;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The carriers' day: T-Mobile's daily cap resets at midnight in Los Angeles. */
final class PacificDay {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private PacificDay() {}

    static LocalDate of(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }
}
