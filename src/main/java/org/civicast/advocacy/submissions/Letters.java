package org.civicast.advocacy.submissions;

import java.util.ArrayList;
import java.util.List;
import org.civicast.advocacy.campaigns.Action;
import org.civicast.advocacy.campaigns.AdvocacyCampaign;
import org.civicast.advocacy.delivery.Chamber;
import org.civicast.advocacy.delivery.Constituent;
import org.civicast.advocacy.delivery.Letter;
import org.civicast.advocacy.delivery.Message;
import org.civicast.advocacy.delivery.Office;

/** A supporter's letter to one office, from what they sent and the campaign's text. */
final class Letters {
    static Letter of(String deliveryId, AdvocacyCampaign campaign, Action action, Submitted s, Office office) {
        Constituent constituent = new Constituent(s.get("prefix"), s.get("firstname"), s.get("middlename"),
                s.get("lastname"), s.get("suffix"), List.of(nonNull(s.get("street"))), s.get("city"),
                s.get("state") == null ? null : s.get("state").toUpperCase(java.util.Locale.ROOT), s.zip5(), s.zip4(),
                s.get("phone"), s.email());
        Action.Letter sample = action.letters().isEmpty() ? null : action.letters().getFirst();
        String subject = s.get("subject") != null ? s.get("subject") : sample == null ? null : sample.subject();
        String own = s.get("message");
        String statement = sample == null ? null : sample.message();
        String topic = campaign.topic() != null ? campaign.topic() : s.get("topic");
        Message message = new Message(subject, own, own != null && own.equals(statement) ? null : statement, topic,
                List.of(), null, null, null, null);
        return new Letter(deliveryId, campaign.id(), office, constituent, message, null);
    }

    static Office office(String bioguide, String officeCode, String chamber, String name, String email) {
        return new Office(bioguide, officeCode, Chamber.valueOf(chamber), name, email);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private Letters() {}
}
