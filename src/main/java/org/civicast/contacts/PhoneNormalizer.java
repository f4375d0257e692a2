package org.civicast.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a phone number as a voter file writes it ("(202) 555-0143", "1-202-555-0143",
 * "+1 202.555.0143") into E.164 digits, accepting numbers valid in the configured regions.
 *
 * <p>libphonenumber's full parse costs about 20 µs a number, which alone would cap an import at
 * 50,000 rows a second. Nearly every number in a US or Canadian file is ten digits with some
 * punctuation, so those take a fast path: the digits are read directly, and whether the number
 * is valid is asked of libphonenumber once per NPA-NXX-X block (validity in the North American
 * plan is decided by the first seven digits; {@code PhoneNormalizerTest} holds that against the
 * library on random numbers) and remembered. Anything else goes through the library's parse.
 */
final class PhoneNormalizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int BLOCKS = 10_000_000;
    private static final byte UNKNOWN = 0;
    private static final byte VALID = 1;
    private static final byte INVALID = 2;

    private final List<String> regions;
    private final boolean northAmerica;
    private final String defaultRegion;
    /** Per NPA-NXX-X block: unknown, valid in a configured region, or invalid. Racy writes are harmless. */
    private final byte[] blocks;

    PhoneNormalizer(List<String> regions) {
        this.regions = regions.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
        Set<String> nanp = Set.copyOf(UTIL.getRegionCodesForCountryCode(1));
        this.northAmerica = this.regions.stream().anyMatch(nanp::contains);
        this.defaultRegion = this.regions.getFirst();
        this.blocks = northAmerica ? new byte[BLOCKS] : null;
    }

    /**
     * Reads libphonenumber's metadata for the configured regions and loads its classes, which it
     * otherwise does on the first number it is asked about: in the first import, whose wait it
     * lengthens. The library's metadata is shared and loaded once, whichever thread asks first.
     */
    void prepare() {
        for (String region : regions) {
            PhoneNumber example = UTIL.getExampleNumber(region);
            if (example == null) continue;
            validInRegions(example);
            parsed(UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.NATIONAL));
        }
    }

    /** The number's E.164 digits (without '+'), or -1 when it is not a valid number of the configured regions. */
    long normalize(String raw) {
        if (raw == null) return -1;
        if (northAmerica) {
            long national = nanpDigits(raw);
            if (national > 0) return validBlock(national) ? 10_000_000_000L + national : -1;
            if (national == 0) return -1;
        }
        return parsed(raw);
    }

    /**
     * The ten national digits when the text is a plain North American number (digits, an optional
     * leading +1 or 1, and punctuation); 0 when it is plainly not a number; -1 when only the full
     * parse can tell (letters, extensions, other country codes).
     */
    private static long nanpDigits(String raw) {
        long value = 0;
        int digits = 0;
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 11) return -1;
                value = value * 10 + (c - '0');
            } else if (c == '+') {
                if (digits > 0 || plus) return -1;
                plus = true;
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '\u00a0' && c != '\t') {
                return -1;
            }
        }
        if (digits == 0) return 0;
        if (digits == 11) {
            if (value / 10_000_000_000L != 1) return -1;
            value -= 10_000_000_000L;
        } else if (digits != 10 || plus) {
            return -1;
        }
        // NPA and NXX never start with 0 or 1.
        long npa = value / 10_000_000L;
        long nxx = value / 10_000L % 1000;
        if (npa < 200 || nxx < 200) return 0;
        return value;
    }

    private boolean validBlock(long national) {
        int block = (int) (national / 1000);
        byte known = blocks[block];
        if (known == UNKNOWN) {
            PhoneNumber number = new PhoneNumber().setCountryCode(1).setNationalNumber(national);
            known = validInRegions(number) ? VALID : INVALID;
            blocks[block] = known;
        }
        return known == VALID;
    }

    private long parsed(String raw) {
        try {
            PhoneNumber number = UTIL.parse(raw, defaultRegion);
            if (!validInRegions(number)) return -1;
            return Long.parseLong(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
        } catch (NumberParseException | NumberFormatException e) {
            return -1;
        }
    }

    private boolean validInRegions(PhoneNumber number) {
        for (String region : regions) {
            if (UTIL.isValidNumberForRegion(number, region)) return true;
        }
        return false;
    }
}
