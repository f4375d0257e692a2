package org.civicast.advocacy.supporters;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Schema;

/**
 * A supporter as a form writes it: flat properties for the person, and the address and phone
 * lists as PHP's {@code http_build_query} writes nested arrays, {@code addresses[0][street1]=…},
 * {@code phones[0][telephone]=…}, numbered from 0. A list that is sent replaces the stored one;
 * {@code addresses=} (empty) removes every address, {@code phones=} every phone.
 */
final class SupporterForm {
    private static final String INDEX = "\\[(?:0|[1-9][0-9]?)\\]";
    private static final String TEXT = "; empty clears it";
    private static final Pattern ITEM = Pattern.compile("(addresses|phones)\\[([0-9]+)\\]\\[([A-Za-z0-9]+)\\]");

    static final Schema SCHEMA = Schema.object()
            .optional("firstName", Field.string(0, SupporterValues.NAME_LENGTH).describe("First name" + TEXT))
            .optional("lastName", Field.string(0, SupporterValues.NAME_LENGTH).describe("Last name" + TEXT))
            .optional("middleName", Field.string(0, SupporterValues.NAME_LENGTH).describe("Middle name" + TEXT))
            .optional("suffix", Field.string(0, SupporterValues.NAME_LENGTH).describe("Jr., III…" + TEXT))
            .optional("prefix", Field.string(0, SupporterValues.NAME_LENGTH).describe("Ms., Dr.…" + TEXT))
            .optional("email", Field.string(0, SupporterValues.EMAIL_LENGTH).pattern("(?:" + SupporterValues.EMAIL + ")?")
                    .describe("Unique (in any case) among the account's supporters" + TEXT))
            .optional("emailOptin", Field.oneOf(Supporter.EMAIL_OPTINS).describe("not_collected unless given"))
            .optional("emailStatus", Field.oneOf(Supporter.EMAIL_STATUSES).describe("unknown unless given"))
            .optional("customId", Field.string(0, 100).pattern("(?:" + SupporterValues.CUSTOM_ID + ")?")
                    .describe("Your own id for the supporter (a CRM's); unique among the account's supporters" + TEXT))
            .optional("joinDate", Field.string(10, 10).pattern("[0-9]{4}-[0-9]{2}-[0-9]{2}")
                    .describe("YYYY-MM-DD; today (UTC) unless given"))
            .optional("addresses", Field.string(0, 0).describe("Sent empty: remove every address"))
            .optional("phones", Field.string(0, 0).describe("Sent empty: remove every phone"))
            .pattern("addresses" + INDEX + "\\[addressType\\]", Field.oneOf(Supporter.ADDRESS_TYPES)
                    .describe("unknown unless given"))
            .pattern("addresses" + INDEX + "\\[(?:street1|street2|street3)\\]", Field.string(0, SupporterValues.STREET_LENGTH))
            .pattern("addresses" + INDEX + "\\[city\\]", Field.string(0, SupporterValues.NAME_LENGTH))
            .pattern("addresses" + INDEX + "\\[state\\]", Field.string(0, 2).pattern("(?:[A-Za-z]{2})?")
                    .describe("USPS code, like NY"))
            .pattern("addresses" + INDEX + "\\[zipcode\\]", Field.string(0, 5).pattern("(?:" + SupporterValues.ZIPCODE + ")?")
                    .describe("5 digits; the first address's gives the supporter's congressDistrict"))
            .pattern("addresses" + INDEX + "\\[zipplus\\]", Field.string(0, 4).pattern("(?:" + SupporterValues.ZIPPLUS + ")?")
                    .describe("The ZIP+4 extension, 4 digits"))
            .pattern("phones" + INDEX + "\\[telephone\\]", Field.string(7, 30).pattern(SupporterValues.TELEPHONE)
                    .describe("Digits, spaces and + ( ) . -; required for each phone"))
            .pattern("phones" + INDEX + "\\[addressIndex\\]", Field.integer(0, SupporterValues.MOST_ADDRESSES - 1)
                    .describe("The index in addresses of the address this phone belongs to"));

    /** What the form sends, as changes to a supporter. */
    static SupporterFields fields(Body b) {
        Map<String, TreeMap<Integer, Map<String, Object>>> lists = new HashMap<>();
        for (String name : b.names()) {
            Matcher m = ITEM.matcher(name);
            if (!m.matches()) continue;
            Object value = m.group(3).equals("addressIndex") ? b.integer(name) : b.string(name);
            lists.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new HashMap<>())
                    .put(m.group(3), value);
        }
        return new SupporterFields(Change.string(b, "firstName"), Change.string(b, "lastName"),
                Change.string(b, "middleName"), Change.string(b, "suffix"), Change.string(b, "prefix"),
                Change.string(b, "email"), Change.string(b, "emailOptin"), Change.string(b, "emailStatus"),
                Change.string(b, "customId"), joinDate(b),
                list(b, "addresses", lists.get("addresses"), SupporterForm::address),
                list(b, "phones", lists.get("phones"), SupporterForm::phone));
    }

    private static Change<LocalDate> joinDate(Body b) {
        if (!b.has("joinDate")) return Change.keep();
        try {
            return Change.to(LocalDate.parse(b.string("joinDate")));
        } catch (DateTimeParseException e) {
            throw ApiException.validation("joinDate", "is not a date");
        }
    }

    /** A list sent as items numbered 0, 1, …; sent empty: no items; not sent: keep. */
    private static <T> Change<List<T>> list(Body b, String name, TreeMap<Integer, Map<String, Object>> items,
                                            java.util.function.Function<Map<String, Object>, T> item) {
        if (items == null) return b.has(name) ? Change.to(List.of()) : Change.keep();
        if (b.has(name)) throw ApiException.validation(name, "is sent empty (remove them all) and with items at once");
        List<T> list = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> properties = items.get(i);
            if (properties == null) {
                throw ApiException.validation(name + "[" + i + "]", "is missing: items are numbered from 0 without gaps");
            }
            list.add(item.apply(properties));
        }
        return Change.to(list);
    }

    private static Supporter.Address address(Map<String, Object> p) {
        return new Supporter.Address((String) p.get("addressType"), (String) p.get("street1"), (String) p.get("street2"),
                (String) p.get("street3"), (String) p.get("city"), (String) p.get("state"), (String) p.get("zipcode"),
                (String) p.get("zipplus"));
    }

    private static Supporter.Phone phone(Map<String, Object> p) {
        return new Supporter.Phone((String) p.get("telephone"), (Integer) p.get("addressIndex"));
    }

    private SupporterForm() {}
}
