package org.civicast.lookup;

import java.util.List;
import java.util.Map;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.testing.TestDatabases;

/** A migrated database of its own for a lookup test, and what the ledger holds. */
final class LookupFixtures {
    static Database database() {
        Database db = Database.connect(DatabaseAddress.parse(TestDatabases.fresh(), null, null), 6, null);
        db.migrate();
        return db;
    }

    static List<Map<String, Object>> usage(Database db, String organizationId) {
        return db.read(h -> h.createQuery("""
                SELECT category, units, unit_detail, reference_type, reference_id, initiator, occurred_at
                FROM usage_records WHERE organization_id = :org ORDER BY id""")
                .bind("org", organizationId).mapToMap().list());
    }

    private LookupFixtures() {}
}
