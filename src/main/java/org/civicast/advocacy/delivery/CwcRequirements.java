package org.civicast.advocacy.delivery;

import static org.civicast.advocacy.delivery.ConstituentField.ADDRESS;
import static org.civicast.advocacy.delivery.ConstituentField.CITY;
import static org.civicast.advocacy.delivery.ConstituentField.EMAIL;
import static org.civicast.advocacy.delivery.ConstituentField.FIRST_NAME;
import static org.civicast.advocacy.delivery.ConstituentField.LAST_NAME;
import static org.civicast.advocacy.delivery.ConstituentField.MESSAGE;
import static org.civicast.advocacy.delivery.ConstituentField.PHONE;
import static org.civicast.advocacy.delivery.ConstituentField.PREFIX;
import static org.civicast.advocacy.delivery.ConstituentField.STATE;
import static org.civicast.advocacy.delivery.ConstituentField.SUBJECT;
import static org.civicast.advocacy.delivery.ConstituentField.TOPIC;
import static org.civicast.advocacy.delivery.ConstituentField.ZIP5;

import java.util.List;

/** What a CWC message needs from a letter; the chambers differ in the prefixes they take. */
final class CwcRequirements {
    private CwcRequirements() {}

    static Requirements of(List<String> prefixes) {
        return Requirements.of(
                Requirement.required(PREFIX, prefixes),
                Requirement.required(FIRST_NAME),
                Requirement.required(LAST_NAME),
                Requirement.required(ADDRESS),
                Requirement.required(CITY),
                Requirement.required(STATE, CwcVocabulary.STATES),
                Requirement.required(ZIP5),
                Requirement.required(EMAIL),
                Requirement.optional(PHONE),
                Requirement.required(TOPIC, CwcVocabulary.TOPICS),
                Requirement.required(SUBJECT),
                Requirement.required(MESSAGE));
    }
}
