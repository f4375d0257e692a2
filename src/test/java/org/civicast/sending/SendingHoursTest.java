package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.civicast.platform.time.QuietHours;
import org.junit.jupiter.api.Test;

/** Sending hours in recipients' local time, and where a recipient is from their area code. */
class SendingHoursTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void windowsAreParsedStrictly() {
        assertEquals("08:00-21:00", QuietHours.parse(" 08:00-21:00 ").toString());
        assertEquals(QuietHours.NONE, QuietHours.parse("NONE"));
        for (String bad : List.of("", "8-21", "08:00", "08:00-08:00", "25:00-08:00", "08:60-09:00", "08.00-21.00")) {
            assertThrows(IllegalArgumentException.class, () -> QuietHours.parse(bad), bad);
        }
    }

    @Test
    void theEndIsExcludedAndAWindowMayRunPastMidnight() {
        QuietHours day = QuietHours.parse("08:00-21:00");
        assertTrue(day.open(Instant.parse("2026-12-01T13:00:00Z"), NEW_YORK)); // 08:00
        assertFalse(day.open(Instant.parse("2026-12-02T02:00:00Z"), NEW_YORK)); // 21:00
        QuietHours night = QuietHours.parse("22:00-06:00");
        assertTrue(night.open(Instant.parse("2026-12-02T04:00:00Z"), NEW_YORK)); // 23:00
        assertFalse(night.open(Instant.parse("2026-12-01T17:00:00Z"), NEW_YORK)); // 12:00
        assertEquals(Instant.parse("2026-12-02T03:00:00Z"), night.nextOpening(Instant.parse("2026-12-01T17:00:00Z"), NEW_YORK));
    }

    @Test
    void theNextOpeningFollowsTheClockChange() {
        // The night before summer time starts in New York: 08:00 is then UTC-4.
        QuietHours day = QuietHours.parse("08:00-21:00");
        assertEquals(Instant.parse("2027-03-14T12:00:00Z"), day.nextOpening(Instant.parse("2027-03-14T03:00:00Z"), NEW_YORK));
    }

    @Test
    void anAreaCodeAcrossZonesIsOpenOnlyWhenEveryOneOfThemIs() {
        QuietHours day = QuietHours.parse("08:00-21:00");
        // 14:30 UTC: 08:30 in Chicago, 07:30 in Denver. 605 (South Dakota) spans both.
        Instant at = Instant.parse("2026-12-01T14:30:00Z");
        long[] closed = AreaCodeZones.closed(day, at);
        assertTrue(AreaCodeZones.of(605).size() > 1, AreaCodeZones.of(605).toString());
        assertTrue(Arrays.stream(closed).anyMatch(a -> a == 605));
        assertTrue(Arrays.stream(closed).noneMatch(a -> a == 312)); // Chicago
        assertTrue(Arrays.stream(closed).anyMatch(a -> a == 303)); // Denver
        assertTrue(Arrays.stream(closed).anyMatch(a -> a == 800), "no known zone: the whole mainland must be open");
        assertEquals(312, AreaCodeZones.areaCode(13125550100L));
        assertEquals(0, AreaCodeZones.closed(QuietHours.NONE, at).length);
    }
}
