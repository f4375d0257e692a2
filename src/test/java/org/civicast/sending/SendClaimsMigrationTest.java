package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.civicast.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V41 on a database where a send was in the middle of its hand-offs: what was
 * 'submitting' becomes an open claim that ran out (taken over and submitted again), the cursor goes
 * past everything taken, and receipts still find sent messages by their provider's id.
 */
class SendClaimsMigrationTest {
    @Test
    void handOffsInFlightBecomeClaimsToTakeOver() throws Exception {
        String url = TestDatabases.fresh();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("40").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sends (project_id, organization_id, created_at) VALUES ('prj_m', 'org_m', now())");
            s.execute("""
                    INSERT INTO outbound_messages (send_key, phone, sender_id, sender, status, provider_id, claimed_by,
                        claimed_until, queued_at)
                    SELECT 1, 12025550000 + g, 'pn_1', '+12025550101',
                           CASE WHEN g <= 3 THEN 'sent' WHEN g <= 5 THEN 'submitting' ELSE 'queued' END,
                           CASE WHEN g <= 3 THEN 'SIM' || g END, CASE WHEN g IN (4, 5) THEN 'w' END,
                           CASE WHEN g IN (4, 5) THEN now() + interval '1 minute' END, now()
                    FROM generate_series(1, 8) g""");
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();

            assertEquals("{4,5} 2 upgrade", one(s, "SELECT CAST(message_ids AS text) || ' ' || attempts || ' ' || claimed_by FROM send_claims"));
            assertEquals("t", one(s, "SELECT claimed_until <= now() FROM send_claims"), "run out: taken over at once");
            assertEquals("5", one(s, "SELECT claim_cursor FROM sends"));
            assertEquals("5", one(s, "SELECT count(*) FROM outbound_messages WHERE status = 'queued'"));
            assertEquals("3", one(s, "SELECT count(*) FROM outbound_provider_ids"));
            assertEquals("2", one(s, "SELECT message_id FROM outbound_provider_ids WHERE provider_id = 'SIM2'"));
        }
    }

    private static String one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
