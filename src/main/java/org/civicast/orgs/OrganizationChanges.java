package org.civicast.orgs;

import java.time.Instant;
import org.civicast.platform.http.Change;

/**
 * The organization fields a request sends: a PATCH's changes, or what a new organization has
 * besides its place in the tree. Contact fields may be cleared with an explicit null.
 */
public record OrganizationChanges(
        Change<String> displayName,
        Change<String> status,
        Change<String> contactEmail,
        Change<String> contactFirstName,
        Change<String> contactLastName,
        Change<String> quietHours) {

    /** A new organization with only a name, as the operator's command line creates one. */
    public static OrganizationChanges named(String displayName) {
        return new OrganizationChanges(Change.to(displayName), Change.keep(), Change.keep(), Change.keep(),
                Change.keep(), Change.keep());
    }

    Organization applyTo(Organization current, Instant now) {
        return new Organization(current.id(),
                displayName.or(current.displayName()),
                current.parentId(), current.parentOrgName(),
                status.or(current.status()),
                contactEmail.or(current.contactEmail()),
                contactFirstName.or(current.contactFirstName()),
                contactLastName.or(current.contactLastName()),
                current.createdAt(), now, quietHours.or(current.quietHours()), current.path());
    }
}
