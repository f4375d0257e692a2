package org.civicast.billing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.db.Database;

/**
 * The record of billable usage: carrier lookups, SMS segments, MMS, 10DLC fees. A feature records
 * its usage in the transaction of the work itself ({@link Database#tx} joins the caller's), so
 * work that rolls back bills nothing and work that commits cannot go unbilled. Prices are not
 * kept here: billing applies them when it reads the ledger.
 *
 * <p>An organization with usage on record cannot be deleted: its billing history stays whole.
 */
public final class UsageLedger {
    private final Database db;
    private final Clock clock;

    public UsageLedger(Database db, OrganizationService organizations, Clock clock) {
        this.db = db;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> UsageStore.existAt(h, orgId))
                ? Optional.of("usage records") : Optional.empty());
    }

    /** Records the entries as happening now, in one statement batch. */
    public void record(List<UsageEntry> entries) {
        if (entries.isEmpty()) return;
        db.tx(h -> {
            UsageStore.insert(h, entries, clock.instant());
            return null;
        });
    }

    public void record(UsageEntry entry) {
        record(List.of(entry));
    }
}
