package org.civicast.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Resource ids: a type prefix and a ULID ({@code org_01JD…}). ULIDs sort by creation time, which
 * keeps B-tree inserts local and lists in a natural order, and carry 80 random bits.
 */
public final class Ids {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(String prefix) {
        return prefix + "_" + ulid(clock.millis());
    }

    static String ulid(long millis) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = 0;
        for (int i = 0; i < 5; i++) high = (high << 8) | (random[i] & 0xff);
        long low = 0;
        for (int i = 5; i < 10; i++) low = (low << 8) | (random[i] & 0xff);
        for (int i = 17; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = CROCKFORD[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
