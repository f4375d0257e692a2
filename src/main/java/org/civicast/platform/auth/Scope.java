package org.civicast.platform.auth;

import java.util.Locale;

/**
 * What a key may do. Scopes are independent: a key for a reporting job holds only {@code read};
 * managing keys and organizations needs {@code admin}.
 */
public enum Scope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
