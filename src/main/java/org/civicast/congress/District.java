package org.civicast.congress;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A House district: a state (USPS code) and its number, 0 for an at-large seat or a delegate's
 * district (DC and the territories).
 */
public record District(String state, int number) implements Comparable<District> {
    private static final Pattern CODE = Pattern.compile("([A-Za-z]{2})-?(\\d{1,2}|AL|al)");

    public District {
        if (state == null || !States.isKnown(state)) throw new IllegalArgumentException("unknown state " + state);
        if (number < 0 || number > 99) throw new IllegalArgumentException("district number " + number);
    }

    /** The form Rally's {@code congressDistrict} filter uses: {@code NY21}, {@code AK0} (no dash, no padding). */
    public String code() {
        return state + number;
    }

    /** The House office code: H, state, two-digit district ({@code HVA04}, {@code HAK00}). */
    public String officeCode() {
        return OfficeCodes.house(state, number);
    }

    /** Reads {@code NY21}, {@code NY-21}, {@code ny-03}, {@code AK0} or {@code AK-AL}. */
    public static District parse(String code) {
        Matcher m = CODE.matcher(code == null ? "" : code.trim());
        if (!m.matches()) throw new IllegalArgumentException("a district is a state and a number, like NY21: got '" + code + "'");
        String number = m.group(2);
        return new District(m.group(1).toUpperCase(Locale.ROOT),
                number.equalsIgnoreCase("AL") ? 0 : Integer.parseInt(number));
    }

    @Override
    public int compareTo(District other) {
        int byState = state.compareTo(other.state);
        return byState != 0 ? byState : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return state + "-" + number;
    }
}
