package org.civicast.congress;

import java.util.Locale;

/** The two chambers; their wire names are the lower-case words. */
public enum Chamber {
    HOUSE, SENATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Chamber fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
