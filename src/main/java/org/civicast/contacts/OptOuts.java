package org.civicast.contacts;

import java.time.Clock;
import org.civicast.platform.db.Database;

/**
 * Each organization's opted-out numbers. Imports leave them out of lists; the sending work adds
 * numbers from STOP replies and checks them again at send time.
 */
public final class OptOuts {
    private final Database db;
    private final Clock clock;

    public OptOuts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records an opt-out; repeating it changes nothing. {@code phone} is E.164 digits without '+'. */
    public void add(String organizationId, long phone, String source) {
        db.tx(h -> h.createUpdate("""
                INSERT INTO opt_outs (organization_id, phone, source, created_at) VALUES (:org, :phone, :source, :now)
                ON CONFLICT (organization_id, phone) DO NOTHING""")
                .bind("org", organizationId).bind("phone", phone).bind("source", source).bind("now", clock.instant())
                .execute());
    }

    public boolean contains(String organizationId, long phone) {
        return db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM opt_outs WHERE organization_id = :org AND phone = :phone)")
                .bind("org", organizationId).bind("phone", phone).mapTo(Boolean.class).one());
    }
}
