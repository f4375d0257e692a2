package org.civicast.media;

import java.util.Locale;

/** Byte counts as people read them in failure reasons: 1 KB = 1,000 bytes, as carriers state limits. */
final class Sizes {
    private Sizes() {}

    static String human(long bytes) {
        if (bytes < 1_000) return bytes + " bytes";
        if (bytes < 1_000_000) return trim(bytes / 1_000.0) + " KB";
        return trim(bytes / 1_000_000.0) + " MB";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
