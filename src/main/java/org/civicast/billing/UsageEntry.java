package org.civicast.billing;

import java.util.Objects;

/**
 * One thing to bill, as a feature records it.
 *
 * @param units         how many units of the category (segments, lookups); at least 1
 * @param unitDetail    what a unit was, for people reading the ledger; may be null
 * @param referenceType what the work was for ({@code contact_list}, {@code message}), with its id; both or neither
 * @param initiator     the API key that asked for the work; null for the operator or the system
 */
public record UsageEntry(String organizationId, UsageCategory category, int units, String unitDetail,
                         String referenceType, String referenceId, String initiator) {
    public UsageEntry {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(category, "category");
        if (units < 1) throw new IllegalArgumentException("usage is at least one unit, got " + units);
        if ((referenceType == null) != (referenceId == null)) {
            throw new IllegalArgumentException("a reference has a type and an id, or neither");
        }
    }
}
