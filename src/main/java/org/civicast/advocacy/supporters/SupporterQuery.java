package org.civicast.advocacy.supporters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.platform.http.ApiException;

/**
 * A supporter search: every filter optional, all that are given must match. Text filters match
 * the whole value regardless of case (customId exactly); {@code city}, {@code state} and
 * {@code zipCode} match the primary (first) address.
 *
 * @param joinedFrom   earliest join date, inclusive
 * @param joinedTo     latest join date, inclusive
 * @param updatedSince updated at or after this instant
 */
public record SupporterQuery(String email, String firstName, String lastName, String customId,
                             Instant updatedSince, LocalDate joinedFrom, LocalDate joinedTo, String city,
                             String state, String optinStatus, String zipCode, String congressDistrict) {

    private static final String DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
    /** {@code 2024-01-31}, a range {@code 2024-01-01..2024-03-31}, or one open at either end. */
    static final String JOIN_DATE = DATE + "(?:\\.\\.(?:" + DATE + ")?)?|\\.\\." + DATE;
    /**
     * An ISO 8601 date and time, {@code 2024-05-01T12:00:00Z} or with an offset; a space stands for
     * a {@code +} that was not percent-encoded. Without an offset: UTC. A date alone: its midnight, UTC.
     */
    static final String UPDATED_SINCE = DATE + "(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,9})?)?"
            + "(?:Z|[+ -][0-9]{2}:[0-9]{2})?)?";
    /** {@code NY21}, {@code AK0}; also read: {@code NY-21}, {@code ny03}, {@code AK-AL}. */
    static final String DISTRICT = "[A-Za-z]{2}-?(?:[0-9]{1,2}|AL|al)";

    private static final Pattern DISTRICT_PARTS = Pattern.compile("([A-Za-z]{2})-?([0-9]{1,2}|AL|al)");

    /** Everyone. */
    public static SupporterQuery all() {
        return new SupporterQuery(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The search the query parameters ask for (already checked against their patterns): dates
     * read, the state in capitals, the district as {@code NY21}. An impossible date or an unknown
     * state is refused, naming the parameter.
     */
    static SupporterQuery parse(java.util.function.Function<String, String> query) {
        LocalDate from = null;
        LocalDate to = null;
        String joinDate = query.apply("joinDate");
        if (joinDate != null) {
            int dots = joinDate.indexOf("..");
            if (dots < 0) {
                from = date("joinDate", joinDate);
                to = from;
            } else {
                from = dots == 0 ? null : date("joinDate", joinDate.substring(0, dots));
                to = dots + 2 == joinDate.length() ? null : date("joinDate", joinDate.substring(dots + 2));
                if (from != null && to != null && from.isAfter(to)) {
                    throw ApiException.validation("joinDate", "starts after it ends");
                }
            }
        }
        String state = query.apply("state");
        if (state != null) {
            state = state.toUpperCase(Locale.ROOT);
            if (!SupporterValues.USPS_STATES.contains(state)) {
                throw ApiException.validation("state", "must be a 2-letter USPS code, like NY");
            }
        }
        String since = query.apply("updatedSince");
        return new SupporterQuery(query.apply("email"), query.apply("firstName"), query.apply("lastName"),
                query.apply("customId"), since == null ? null : instant(since), from, to, query.apply("city"), state,
                query.apply("optinStatus"), query.apply("zipCode"), district(query.apply("congressDistrict")));
    }

    /** A district as stored: state in capitals, number without zero padding, 0 at large. */
    static String district(String code) {
        if (code == null) return null;
        Matcher m = DISTRICT_PARTS.matcher(code);
        if (!m.matches()) throw ApiException.validation("congressDistrict", "has an invalid format");
        String number = m.group(2).equalsIgnoreCase("AL") ? "0" : String.valueOf(Integer.parseInt(m.group(2)));
        return m.group(1).toUpperCase(Locale.ROOT) + number;
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, "is not a date: " + text);
        }
    }

    private static Instant instant(String text) {
        String iso = text.replace(' ', '+');
        try {
            if (iso.length() == 10) return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
            boolean zoned = iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
            return zoned ? OffsetDateTime.parse(iso).toInstant() : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.validation("updatedSince", "is not a date and time: " + text);
        }
    }
}
