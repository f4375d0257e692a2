package org.civicast.links;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Codes of short links: {@value #LENGTH} base62 characters drawn uniformly from SecureRandom, so
 * 62^8 ≈ 2.2 × 10^14 codes (47.6 bits). Short enough for a text message, and not guessable in
 * practice: with ten million links live, a guesser needs some twenty million requests per link
 * found, and a link found shows only where one recipient's click goes. Codes are not sequential
 * and say nothing about the project, the recipient or the time. A code drawn twice (about one in
 * twenty million per draw with ten million links stored) is detected by the table's primary key
 * and drawn again.
 */
final class ShortLinkCodes {
    static final int LENGTH = 8;
    static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{" + LENGTH + "}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** 62^8: a 48-bit draw at or above it is thrown back, so every code is equally likely. */
    private static final long SPACE = 218_340_105_584_896L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] pool = new byte[6 * 1024];
    private int used = pool.length;

    /** Not thread-safe: one generator per batch of codes. */
    String next() {
        long n;
        do {
            if (used == pool.length) {
                RANDOM.nextBytes(pool);
                used = 0;
            }
            n = 0;
            for (int i = 0; i < 6; i++) n = (n << 8) | (pool[used++] & 0xff);
        } while (n >= SPACE);
        char[] code = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            code[i] = BASE62[(int) (n % 62)];
            n /= 62;
        }
        return new String(code);
    }

    static boolean wellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
