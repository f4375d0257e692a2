package org.civicast.advocacy.supporters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicast.platform.http.ApiException;

/**
 * What is written of a supporter besides its id, organization, district and times, and the rules
 * every write keeps, whoever makes it (a client's form, a submitted action). Problems are named
 * as the form names the field: {@code email}, {@code addresses[0][state]}.
 */
record SupporterValues(
        String firstName,
        String lastName,
        String middleName,
        String suffix,
        String prefix,
        String email,
        String emailOptin,
        String emailStatus,
        String customId,
        LocalDate joinDate,
        List<Supporter.Address> addresses,
        List<Supporter.Phone> phones) {

    static final int MOST_ADDRESSES = 10;
    static final int MOST_PHONES = 10;
    static final int NAME_LENGTH = 100;
    static final int STREET_LENGTH = 200;
    static final int EMAIL_LENGTH = 254;
    static final String EMAIL = "[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)+";
    /** Letters, digits and {@code . _ : @ -}, so a customId can stand in a URL path as it is. */
    static final String CUSTOM_ID = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}";
    static final String ZIPCODE = "[0-9]{5}";
    static final String ZIPPLUS = "[0-9]{4}";
    static final String TELEPHONE = "[0-9 ()+.-]{7,30}";

    /** Every USPS code an address may carry: states, DC, territories, freely associated states, military. */
    static final Set<String> USPS_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
            "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
            "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP");

    private static final Pattern EMAIL_SHAPE = Pattern.compile(EMAIL);
    private static final Pattern CUSTOM_ID_SHAPE = Pattern.compile(CUSTOM_ID);
    private static final Pattern ZIPCODE_SHAPE = Pattern.compile(ZIPCODE);
    private static final Pattern ZIPPLUS_SHAPE = Pattern.compile(ZIPPLUS);
    private static final Pattern TELEPHONE_SHAPE = Pattern.compile(TELEPHONE);

    /** A new supporter's values before the client's are applied. */
    static SupporterValues initial(LocalDate today) {
        return new SupporterValues(null, null, null, null, null, null, "not_collected", "unknown", null, today,
                List.of(), List.of());
    }

    /** The ZIP code the district comes from: the first address's, if it has one. */
    String primaryZipcode() {
        return addresses.isEmpty() ? null : addresses.getFirst().zipcode();
    }

    /**
     * The same values trimmed, blank text as null and states in capitals; refused with every
     * problem named when a rule is broken.
     */
    SupporterValues normalized() {
        List<ApiException.FieldIssue> issues = new ArrayList<>();
        Check c = new Check(issues);
        String email = c.text("email", this.email, EMAIL_LENGTH, EMAIL_SHAPE);
        String customId = c.text("customId", this.customId, 100, CUSTOM_ID_SHAPE);
        c.oneOf("emailOptin", emailOptin, Supporter.EMAIL_OPTINS);
        c.oneOf("emailStatus", emailStatus, Supporter.EMAIL_STATUSES);
        if (joinDate == null) issues.add(new ApiException.FieldIssue("joinDate", "must not be empty"));
        List<Supporter.Address> addresses = new ArrayList<>();
        if (this.addresses.size() > MOST_ADDRESSES) {
            issues.add(new ApiException.FieldIssue("addresses", "must have at most " + MOST_ADDRESSES + " items"));
        }
        for (int i = 0; i < this.addresses.size(); i++) addresses.add(c.address("addresses[" + i + "]", this.addresses.get(i)));
        List<Supporter.Phone> phones = new ArrayList<>();
        if (this.phones.size() > MOST_PHONES) {
            issues.add(new ApiException.FieldIssue("phones", "must have at most " + MOST_PHONES + " items"));
        }
        for (int i = 0; i < this.phones.size(); i++) {
            Supporter.Phone phone = this.phones.get(i);
            String name = "phones[" + i + "]";
            String telephone = c.text(name + "[telephone]", phone.telephone(), 30, TELEPHONE_SHAPE);
            if (telephone == null) issues.add(new ApiException.FieldIssue(name + "[telephone]", "is required"));
            Integer at = phone.addressIndex();
            if (at != null && (at < 0 || at >= addresses.size())) {
                issues.add(new ApiException.FieldIssue(name + "[addressIndex]", addresses.isEmpty()
                        ? "refers to an address, but the supporter has none"
                        : "must be the index of one of the supporter's addresses, 0 to " + (addresses.size() - 1)));
            }
            phones.add(new Supporter.Phone(telephone, at));
        }
        SupporterValues normalized = new SupporterValues(
                c.text("firstName", firstName, NAME_LENGTH, null), c.text("lastName", lastName, NAME_LENGTH, null),
                c.text("middleName", middleName, NAME_LENGTH, null), c.text("suffix", suffix, NAME_LENGTH, null),
                c.text("prefix", prefix, NAME_LENGTH, null), email, emailOptin, emailStatus, customId, joinDate,
                List.copyOf(addresses), List.copyOf(phones));
        if (!issues.isEmpty()) throw ApiException.validation(issues);
        return normalized;
    }

    /** Collects problems while it tidies values. */
    private record Check(List<ApiException.FieldIssue> issues) {
        String text(String name, String value, int longest, Pattern shape) {
            if (value == null || value.isBlank()) return null;
            String text = value.strip();
            if (text.codePointCount(0, text.length()) > longest) {
                issues.add(new ApiException.FieldIssue(name, "must be at most " + longest + " characters"));
            } else if (shape != null && !shape.matcher(text).matches()) {
                issues.add(new ApiException.FieldIssue(name, "has an invalid format"));
            }
            return text;
        }

        void oneOf(String name, String value, List<String> allowed) {
            if (!allowed.contains(value)) {
                issues.add(new ApiException.FieldIssue(name, "must be one of " + String.join(", ", allowed)));
            }
        }

        Supporter.Address address(String name, Supporter.Address a) {
            String type = a.addressType() == null || a.addressType().isBlank() ? "unknown" : a.addressType().strip();
            oneOf(name + "[addressType]", type, Supporter.ADDRESS_TYPES);
            String state = text(name + "[state]", a.state(), 2, null);
            if (state != null) {
                state = state.toUpperCase(Locale.ROOT);
                if (!USPS_STATES.contains(state)) {
                    issues.add(new ApiException.FieldIssue(name + "[state]", "must be a 2-letter USPS code, like NY"));
                }
            }
            String zipcode = text(name + "[zipcode]", a.zipcode(), 5, ZIPCODE_SHAPE);
            String zipplus = text(name + "[zipplus]", a.zipplus(), 4, ZIPPLUS_SHAPE);
            if (zipplus != null && zipcode == null) {
                issues.add(new ApiException.FieldIssue(name + "[zipplus]", "needs a zipcode beside it"));
            }
            return new Supporter.Address(type, text(name + "[street1]", a.street1(), STREET_LENGTH, null),
                    text(name + "[street2]", a.street2(), STREET_LENGTH, null),
                    text(name + "[street3]", a.street3(), STREET_LENGTH, null),
                    text(name + "[city]", a.city(), NAME_LENGTH, null), state, zipcode, zipplus);
        }
    }
}
