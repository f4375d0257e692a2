package org.civicast.projects.compose;

/**
 * How many SMS segments a text takes, by the rules carriers bill by.
 *
 * <p>A text whose every character is in the GSM 03.38 basic table or its extension table is sent
 * in GSM-7: 160 septets in one segment, or 153 per segment once concatenated (the rest of each
 * segment carries the concatenation header). Extension characters ({@code ^ { } \ [ ~ ] | €} and
 * form feed) take two septets (an escape and the character), and an escape pair is never split
 * between two segments. One character outside both tables makes the whole text UCS-2: 70 UTF-16
 * code units in one segment, 67 per segment concatenated; a character outside the Basic
 * Multilingual Plane (most emoji) is a surrogate pair, two units, never split between segments.
 */
public final class Segments {
    public enum Encoding { GSM_7, UCS_2 }

    /**
     * @param encoding how the text is sent
     * @param units    its length in that encoding: septets for GSM-7, UTF-16 code units for UCS-2
     * @param segments how many segments carry it (at least one)
     */
    public record Count(Encoding encoding, int units, int segments) {}

    public static final int GSM_SINGLE = 160;
    public static final int GSM_CONCATENATED = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_CONCATENATED = 67;

    /** GSM 03.38's basic table, less the escape (0x1B), which is no character of a text. */
    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each costs an escape septet and its own. */
    static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    public static Count count(String text) {
        return isGsm(text) ? gsm(text) : ucs2(text);
    }

    /** True when every character of the text is in the GSM-7 basic or extension table. */
    public static boolean isGsm(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) return false;
        }
        return true;
    }

    private static Count gsm(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) septets += septets(text.charAt(i));
        if (septets <= GSM_SINGLE) return new Count(Encoding.GSM_7, septets, 1);
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = septets(text.charAt(i));
            if (used + cost > GSM_CONCATENATED) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new Count(Encoding.GSM_7, septets, segments);
    }

    private static int septets(char c) {
        return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
    }

    private static Count ucs2(String text) {
        int units = text.length();
        if (units <= UCS2_SINGLE) return new Count(Encoding.UCS_2, units, 1);
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cost = Character.charCount(text.codePointAt(i));
            if (used + cost > UCS2_CONCATENATED) {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost;
        }
        return new Count(Encoding.UCS_2, units, segments);
    }

    private Segments() {}
}
