package org.civicast.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationChanges;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Usage is recorded with the work it bills, and an organization's billing history stays whole. */
class UsageLedgerTest {
    static final Principal OPERATOR = new Principal("test", null, Subtree.WHOLE_TREE, EnumSet.allOf(Scope.class),
            Integer.MAX_VALUE);
    static Database db;
    static MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    static OrganizationService organizations;
    static UsageLedger ledger;
    static String root;

    @BeforeAll
    static void open() {
        db = Database.connect(DatabaseAddress.parse(TestDatabases.fresh(), null, null), 4, null);
        db.migrate();
        organizations = new OrganizationService(db, new Ids(clock), clock);
        ledger = new UsageLedger(db, organizations, clock);
        root = organizations.createRoot("Ledger Root").id();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<Map<String, Object>> rows(String organizationId) {
        return db.read(h -> h.createQuery("""
                SELECT category, units, unit_detail, reference_type, reference_id, initiator, occurred_at
                FROM usage_records WHERE organization_id = :org ORDER BY id""")
                .bind("org", organizationId).mapToMap().list());
    }

    @Test
    void entriesAreStoredWithTheirTimeAndReference() {
        Organization org = organizations.create(OPERATOR, root, OrganizationChanges.named("Stored"));
        BilledTo list = new BilledTo(org.id(), "contact_list", "cl_1", "key_9");
        ledger.record(List.of(list.entry(UsageCategory.CARRIER_LOOKUP, 1, "+12025550143 via telnyx"),
                new UsageEntry(org.id(), UsageCategory.SMS, 3, "GSM-7 segments", "message", "msg_1", null),
                new UsageEntry(org.id(), UsageCategory.TEN_DLC, 1, null, null, null, null)));
        List<Map<String, Object>> rows = rows(org.id());
        assertEquals(3, rows.size());
        assertEquals("carrier_lookup", rows.get(0).get("category"));
        assertEquals(1, rows.get(0).get("units"));
        assertEquals("+12025550143 via telnyx", rows.get(0).get("unit_detail"));
        assertEquals("contact_list", rows.get(0).get("reference_type"));
        assertEquals("cl_1", rows.get(0).get("reference_id"));
        assertEquals("key_9", rows.get(0).get("initiator"));
        assertEquals(clock.instant(), ((java.sql.Timestamp) rows.get(0).get("occurred_at")).toInstant());
        assertEquals("sms", rows.get(1).get("category"));
        assertEquals(3, rows.get(1).get("units"));
        assertEquals("10dlc", rows.get(2).get("category"));
        assertEquals(null, rows.get(2).get("reference_id"));
    }

    @Test
    void usageRecordedInsideWorkThatRollsBackIsNotBilled() {
        Organization org = organizations.create(OPERATOR, root, OrganizationChanges.named("Rolled back"));
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            ledger.record(new UsageEntry(org.id(), UsageCategory.MMS, 1, null, null, null, null));
            throw new IllegalStateException("the send failed after recording");
        }));
        assertTrue(rows(org.id()).isEmpty());
        db.tx(h -> {
            ledger.record(new UsageEntry(org.id(), UsageCategory.MMS, 1, null, null, null, null));
            return null;
        });
        assertEquals(1, rows(org.id()).size());
    }

    @Test
    void anOrganizationWithUsageCannotBeDeleted() {
        Organization empty = organizations.create(OPERATOR, root, OrganizationChanges.named("Empty"));
        organizations.delete(OPERATOR, empty.id());
        Organization billed = organizations.create(OPERATOR, root, OrganizationChanges.named("Billed"));
        clock.advance(Duration.ofMinutes(1));
        ledger.record(new UsageEntry(billed.id(), UsageCategory.SMS, 1, null, null, null, null));
        ApiException refused = assertThrows(ApiException.class, () -> organizations.delete(OPERATOR, billed.id()));
        assertTrue(refused.getMessage().contains("usage records"), refused.getMessage());
    }

    @Test
    void malformedEntriesAreRefusedBeforeTheDatabase() {
        assertThrows(IllegalArgumentException.class,
                () -> new UsageEntry(root, UsageCategory.SMS, 0, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new BilledTo(root, "contact_list", null, null));
    }
}
