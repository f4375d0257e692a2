package org.civicast.billing;

import java.util.Objects;

/**
 * Who pays for work another feature does on someone's behalf, and why: the organization, what
 * the work is for (a contact list's analysis: {@code contact_list} and its id) and the API key
 * that asked for it (null when the operator or the system did).
 */
public record BilledTo(String organizationId, String referenceType, String referenceId, String initiator) {
    public BilledTo {
        Objects.requireNonNull(organizationId, "organizationId");
        if ((referenceType == null) != (referenceId == null)) {
            throw new IllegalArgumentException("a reference has a type and an id, or neither");
        }
    }

    public UsageEntry entry(UsageCategory category, int units, String unitDetail) {
        return new UsageEntry(organizationId, category, units, unitDetail, referenceType, referenceId, initiator);
    }
}
