package org.civicast.advocacy.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.civicast.congress.DistrictOffice;
import org.civicast.congress.Member;

/**
 * A target as the advocacy API shows it: a member of Congress with the seat's office code, and for
 * calls and posts the numbers and accounts to use; or a custom target, by name only (its address
 * stays with the campaign).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(String bioguideId, String name, String chamber, String state, Integer district, String party,
                     String officeCode, List<Phone> phones, Map<String, String> social) {

    /** A number to call: the Washington office, or a district office with its city. */
    public record Phone(String office, String number) {}

    static Target of(Member m, ActionType type) {
        List<Phone> phones = null;
        Map<String, String> social = null;
        if (type == ActionType.PHONE) {
            phones = new java.util.ArrayList<>();
            if (m.phone() != null) phones.add(new Phone("Washington, DC", m.phone()));
            for (DistrictOffice o : m.districtOffices()) {
                if (o.phone() != null) phones.add(new Phone(o.city() + ", " + o.state(), o.phone()));
            }
        } else if (type == ActionType.TWITTER || type == ActionType.FACEBOOK) {
            String account = m.social().get(type.wireName());
            social = account == null ? Map.of() : Map.of(type.wireName(), account);
        }
        return new Target(m.bioguide(), m.displayName(), m.chamber().name().toLowerCase(java.util.Locale.ROOT),
                m.state(), m.chamber() == org.civicast.congress.Chamber.HOUSE ? m.district() : null, m.party(),
                m.officeCode(), phones, social);
    }

    static Target custom(Action.CustomTarget t) {
        return new Target(null, t.name(), "custom", null, null, null, null, null, null);
    }
}
