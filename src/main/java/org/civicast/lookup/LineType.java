package org.civicast.lookup;

import java.util.Locale;

/**
 * What kind of line a number is, in the contract's four words (the analysis breakdown of a
 * contact list). Providers know more kinds; docs/lookup.md says how each maps:
 *
 * <ul>
 *   <li>service numbers that reach no one's handset (toll-free, premium, shared cost, UAN,
 *       voicemail, pager) are {@link #LANDLINE}, the bucket a list leaves out of a text send;
 *   <li>what the source cannot tell from a mobile line (libphonenumber's "fixed line or mobile"
 *       for North America, a provider's "unknown" or "personal") is {@link #MOBILE}: the list
 *       keeps it, as it would have without the lookup.
 * </ul>
 */
public enum LineType {
    MOBILE,
    LANDLINE,
    VOIP,
    /** Not a number that can be reached: not valid in its numbering plan, or unassigned. */
    INVALID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code mobile}, {@code landline}, {@code voip} or {@code invalid}, in any case. */
    public static LineType fromWireName(String name) {
        for (LineType type : values()) {
            if (type.wireName().equalsIgnoreCase(name.strip())) return type;
        }
        throw new IllegalArgumentException("'" + name + "' is not mobile, landline, voip or invalid");
    }
}
