package org.civicast.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hours of the day texts may reach a recipient, in the recipient's own local time: a window
 * such as {@code 08:00-21:00} (sending from 8 am up to, not including, 9 pm), or {@code none} for
 * no limit. A window whose end is before its start runs past midnight ({@code 22:00-06:00}).
 */
public record QuietHours(LocalTime opens, LocalTime closes) {
    /** No window: any time of day. */
    public static final QuietHours NONE = new QuietHours(null, null);

    private static final Pattern WINDOW = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");

    public QuietHours {
        if ((opens == null) != (closes == null)) throw new IllegalArgumentException("a window has both ends");
        if (opens != null && opens.equals(closes)) throw new IllegalArgumentException("a window cannot be empty");
    }

    /** Parses {@code HH:MM-HH:MM} or {@code none}; an {@link IllegalArgumentException} says what is wrong. */
    public static QuietHours parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("none")) return NONE;
        Matcher m = WINDOW.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("sending hours are HH:MM-HH:MM in 24-hour time (such as 08:00-21:00), or none; got '" + t + "'");
        }
        try {
            LocalTime opens = LocalTime.parse(m.group(1));
            LocalTime closes = LocalTime.parse(m.group(2));
            if (opens.equals(closes)) throw new IllegalArgumentException("sending hours cannot open and close at the same time: '" + t + "'");
            return new QuietHours(opens, closes);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sending hours need real times of day (00:00 to 23:59); got '" + t + "'");
        }
    }

    public boolean limited() {
        return opens != null;
    }

    /** Whether a text may reach someone in {@code zone} at {@code at}. */
    public boolean open(Instant at, ZoneId zone) {
        if (!limited()) return true;
        LocalTime local = at.atZone(zone).toLocalTime();
        return opens.isBefore(closes)
                ? !local.isBefore(opens) && local.isBefore(closes)
                : !local.isBefore(opens) || local.isBefore(closes);
    }

    /** The first moment at or after {@code at} when the window is open in {@code zone}. */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (open(at, zone)) return at;
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime today = local.with(opens);
        ZonedDateTime next = today.isAfter(local) ? today : local.plusDays(1).with(opens);
        // A clock change can put the opening time in a gap; ZonedDateTime moves it forward, still open.
        return next.toInstant();
    }

    /** How long from {@code at} until the window is open in every one of {@code zones}; empty when never at once. */
    public Optional<Instant> nextOpeningInAll(Instant at, java.util.Collection<ZoneId> zones) {
        Instant t = at;
        for (int step = 0; step < 48; step++) {
            Instant candidate = t;
            if (zones.stream().allMatch(z -> open(candidate, z))) return Optional.of(candidate);
            Instant later = candidate;
            for (ZoneId z : zones) {
                Instant opening = nextOpening(candidate, z);
                if (opening.isAfter(later)) later = opening;
            }
            t = later.equals(candidate) ? candidate.plus(Duration.ofMinutes(30)) : later;
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return limited() ? opens + "-" + closes : "none";
    }
}
