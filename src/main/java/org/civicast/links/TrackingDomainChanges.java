package org.civicast.links;

import org.civicast.platform.http.Change;

/** What a request changes of a tracking domain; {@code verified_at} is the service's to set. */
public record TrackingDomainChanges(Change<String> status, Change<Boolean> sharedWithDescendants,
                                    Change<String> notes) {

    boolean isEmpty() {
        return Change.none(status, sharedWithDescendants, notes);
    }

    TrackingDomainFields applyTo(TrackingDomainFields current) {
        return new TrackingDomainFields(current.domain(),
                status.or(current.status()),
                sharedWithDescendants.or(current.sharedWithDescendants()),
                notes.or(current.notes()),
                current.verifiedAt());
    }
}
