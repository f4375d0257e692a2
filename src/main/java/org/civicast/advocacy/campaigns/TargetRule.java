package org.civicast.advocacy.campaigns;

import java.util.List;
import java.util.Locale;

/**
 * Whom an action goes to. The Congress rules are resolved per supporter from their address: the
 * House member for their district and/or their state's two senators.
 */
public enum TargetRule {
    /** The supporter's House member and both senators. */
    CONGRESS,
    HOUSE,
    SENATE,
    /** The named members (bioguide ids), whoever the supporter is. */
    MEMBERS,
    /** The campaign's own targets, reached by email. */
    CUSTOM,
    /** No one: a petition only records signatures. */
    NONE;

    public static final List<String> WIRE_NAMES = List.of("congress", "house", "senate", "members", "custom", "none");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetRule fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True when the targets depend on where the supporter lives. */
    public boolean byAddress() {
        return this == CONGRESS || this == HOUSE || this == SENATE;
    }
}
