package org.civicast.billing;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.civicast.platform.db.Sql;

/** SQL for the usage_records table. */
final class UsageStore {
    static void insert(Handle h, List<UsageEntry> entries, Instant now) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO usage_records (organization_id, category, units, unit_detail, reference_type, reference_id,
                    initiator, occurred_at)
                VALUES (:organizationId, :category, :units, :unitDetail, :referenceType, :referenceId, :initiator, :now)""");
        for (UsageEntry e : entries) {
            batch.bindMethods(e).bind("category", e.category().wireName()).bind("now", now).add();
        }
        batch.execute();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM usage_records WHERE organization_id = :org", "org", organizationId);
    }

    private UsageStore() {}
}
