package org.civicast.numbers;

import org.civicast.platform.http.Change;

/** What a request changes of a number: its status and where it is attached (null detaches). */
public record PhoneNumberChanges(Change<String> status, Change<String> campaignId,
                                 Change<String> tollFreeVerificationId) {

    boolean isEmpty() {
        return Change.none(status, campaignId, tollFreeVerificationId);
    }

    PhoneNumberFields applyTo(PhoneNumberFields current) {
        return new PhoneNumberFields(current.organizationId(), current.number(), current.channel(),
                status.or(current.status()),
                campaignId.or(current.campaignId()),
                tollFreeVerificationId.or(current.tollFreeVerificationId()));
    }
}
