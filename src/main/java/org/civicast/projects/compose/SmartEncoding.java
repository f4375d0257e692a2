package org.civicast.projects.compose;

/**
 * Smart punctuation replaced by its GSM-7 look-alike, so that a curly quote pasted from a word
 * processor does not turn a whole message into UCS-2 (70 characters a segment instead of 160).
 * Replaced: curly and angle quotes, primes and accents used as apostrophes ({@code ‘ ’ ‚ ‛ ′ ´ `}
 * → {@code '}, {@code “ ” „ ‟ ″ « » ‹ ›} → {@code "} and {@code '}), dashes and the minus sign
 * ({@code ‐ ‑ ‒ – — ― −} → {@code -}), the ellipsis ({@code …} → {@code ...}), tabs and Unicode
 * spaces (no-break, thin, ideographic…) → a space; zero-width spaces, word joiners, byte-order
 * marks and soft hyphens are removed. Everything else — accented letters, emoji — is left as
 * written: it is what the sender meant.
 */
public final class SmartEncoding {
    public static String apply(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    /** The GSM-7 text for a character, or null to keep it. */
    static String replacement(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '\u0060', '\u2039', '\u203A' -> "'";
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> "\"";
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> "-";
            case '\u2026' -> "...";
            case '\t', '\u00A0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007',
                 '\u2008', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000' -> " ";
            case '\u200B', '\u2060', '\uFEFF', '\u00AD' -> "";
            default -> null;
        };
    }

    private SmartEncoding() {}
}
