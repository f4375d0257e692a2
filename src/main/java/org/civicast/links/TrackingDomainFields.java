package org.civicast.links;

import java.time.Instant;

/**
 * What is written of a tracking domain besides its organization, id and times: the domain, set
 * when it is registered, what clients change, and when it last became active.
 */
public record TrackingDomainFields(
        String domain,
        String status,
        boolean sharedWithDescendants,
        String notes,
        Instant verifiedAt) {

    TrackingDomainFields withVerifiedAt(Instant at) {
        return new TrackingDomainFields(domain, status, sharedWithDescendants, notes, at);
    }
}
