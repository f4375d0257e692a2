package org.civicast.numbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import org.civicast.platform.http.ApiException;

/**
 * Phone numbers as they are stored and shown: E.164 ({@code +12025550143}) for every channel but
 * short codes, which are their 5 or 6 digits. Numbers without a country code are read as US.
 */
public final class PhoneNumbers {
    public static final String TEN_DLC = "10dlc";
    public static final String TOLL_FREE = "toll-free";
    public static final String SHORT_CODE = "short-code";
    public static final String RCS = "rcs";
    public static final List<String> CHANNELS = List.of(TEN_DLC, TOLL_FREE, SHORT_CODE, RCS);
    /** What clients may send: digits and the usual punctuation, with an optional leading +. */
    public static final String INPUT_PATTERN = "\\+?[0-9()\\-. ]{3,31}";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** The stored form of {@code raw} for a number on {@code channel}, or a VALIDATION_ERROR on "number". */
    public static String normalise(String raw, String channel) {
        if (channel.equals(SHORT_CODE)) {
            String digits = raw.replaceAll("[\\s\\-.]", "");
            if (!digits.matches("\\d{5,6}")) throw invalid("must be a short code of 5 or 6 digits");
            return digits;
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(raw, "US");
        } catch (NumberParseException e) {
            throw invalid("is not a phone number");
        }
        if (parsed.hasExtension() || !UTIL.isValidNumber(parsed)) throw invalid("is not a valid phone number");
        PhoneNumberType type = UTIL.getNumberType(parsed);
        switch (channel) {
            case TOLL_FREE -> {
                if (parsed.getCountryCode() != 1 || type != PhoneNumberType.TOLL_FREE) {
                    throw invalid("must be a North American toll-free number on the toll-free channel");
                }
            }
            case TEN_DLC -> {
                if (parsed.getCountryCode() != 1 || type == PhoneNumberType.TOLL_FREE
                        || type == PhoneNumberType.PREMIUM_RATE) {
                    throw invalid("must be a North American local number on the 10dlc channel");
                }
            }
            default -> { }
        }
        return UTIL.format(parsed, PhoneNumberFormat.E164);
    }

    private static ApiException invalid(String message) {
        return ApiException.validation("number", message);
    }

    private PhoneNumbers() {}
}
