package org.civicast.advocacy.submissions;

import java.util.List;
import org.civicast.advocacy.supporters.Supporter;
import org.civicast.advocacy.supporters.SupporterFields;

/**
 * What an action tells the account's supporter record: the person's name, and the address and
 * phone they gave this time, which replace the ones on file (the latest action knows best).
 */
final class SupporterRecord {
    static SupporterFields of(Submitted s) {
        SupporterFields fields = SupporterFields.none().withEmail(s.email());
        if (s.get("firstname") != null) fields = fields.withFirstName(s.get("firstname"));
        if (s.get("lastname") != null) fields = fields.withLastName(s.get("lastname"));
        if (s.get("prefix") != null) fields = fields.withPrefix(s.get("prefix"));
        if (s.get("street") != null || s.get("zipcode") != null) {
            String state = s.get("state") == null ? null : s.get("state").toUpperCase(java.util.Locale.ROOT);
            fields = fields.withAddresses(List.of(new Supporter.Address("home", s.get("street"), null, null,
                    s.get("city"), state, s.zip5(), s.zip4())));
        }
        if (s.get("phone") != null) {
            fields = fields.withPhones(List.of(new Supporter.Phone(s.get("phone"), s.get("street") != null ? 0 : null)));
        }
        return fields;
    }

    private SupporterRecord() {}
}
