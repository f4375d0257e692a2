package org.civicast.lookup.providers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.lookup.LineInfo;
import org.civicast.lookup.LineType;
import org.civicast.lookup.LrnProvider;
import org.civicast.lookup.PrefixEntry;
import org.civicast.lookup.PrefixTable;
import org.civicast.platform.config.LookupSettings;

/**
 * Line types without a network: libphonenumber says whether a number is valid in its numbering
 * plan, and the operator's prefix table (NPA-NXX, thousands blocks, single numbers) says what
 * North American numbers are and who carries them.
 *
 * <p>Where the table has no row, libphonenumber's type decides. For North America that is almost
 * always "fixed line or mobile" — the number alone cannot tell — and such a number is reported
 * {@code mobile} with no carrier: most people on a texting list are reached on a mobile, and
 * calling every one a landline would empty the list. A carrier of null marks such a guess.
 */
public final class OfflineProvider implements LrnProvider {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String NAME = LookupSettings.Provider.OFFLINE.wireName();

    private final PrefixTable table;
    private final Clock clock;

    public OfflineProvider(PrefixTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, LineInfo> lookup(List<String> e164Numbers) {
        Instant now = clock.instant();
        Map<String, LineInfo> answers = new LinkedHashMap<>();
        Map<String, PhoneNumber> valid = new HashMap<>();
        List<String> northAmerican = new ArrayList<>();
        for (String number : e164Numbers) {
            PhoneNumber parsed = parse(number);
            if (parsed == null || !UTIL.isValidNumber(parsed)) {
                answers.put(number, LineInfo.invalid(number, NAME, now));
                continue;
            }
            valid.put(number, parsed);
            if (parsed.getCountryCode() == 1) northAmerican.add(UTIL.getNationalSignificantNumber(parsed));
        }
        Map<String, PrefixEntry> rows = table.match(northAmerican);
        for (Map.Entry<String, PhoneNumber> v : valid.entrySet()) {
            PhoneNumber parsed = v.getValue();
            PrefixEntry row = parsed.getCountryCode() == 1 ? rows.get(UTIL.getNationalSignificantNumber(parsed)) : null;
            answers.put(v.getKey(), row != null
                    ? new LineInfo(v.getKey(), row.lineType(), row.carrier(), row.wholeNumber() ? row.lrn() : null,
                            row.wholeNumber() ? row.ported() : null, NAME, now)
                    : new LineInfo(v.getKey(), fromNumberingPlan(UTIL.getNumberType(parsed)), null, null, null, NAME, now));
        }
        return answers;
    }

    private static PhoneNumber parse(String e164) {
        try {
            PhoneNumber parsed = UTIL.parse(e164, null);
            return parsed.hasExtension() ? null : parsed;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** libphonenumber's types in the contract's four words (docs/lookup.md). */
    static LineType fromNumberingPlan(PhoneNumberType type) {
        return switch (type) {
            case FIXED_LINE -> LineType.LANDLINE;
            case VOIP -> LineType.VOIP;
            case TOLL_FREE, PREMIUM_RATE, SHARED_COST, UAN, VOICEMAIL, PAGER -> LineType.LANDLINE;
            case MOBILE, FIXED_LINE_OR_MOBILE, PERSONAL_NUMBER, UNKNOWN -> LineType.MOBILE;
        };
    }
}
