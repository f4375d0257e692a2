package org.civicast.platform.storage;

import java.util.regex.Pattern;

/**
 * What a key may be. Each segment starts with a letter or digit, so no key is absolute, climbs
 * out with {@code ..}, or names a hidden file; every implementation can then map keys onto paths
 * or object names as they are.
 */
public final class ObjectKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,199}");
    private static final int MAX_LENGTH = 512;

    /** The key itself, or an IllegalArgumentException saying what is wrong with it. */
    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an object key is 1 to " + MAX_LENGTH + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("object key '" + key + "': each /-separated part must start with "
                        + "a letter or digit and hold only letters, digits, . _ and -");
            }
        }
        return key;
    }

    private ObjectKeys() {}
}
