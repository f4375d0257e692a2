package org.civicast.contacts;

import org.jdbi.v3.core.Handle;

/**
 * The list's own table, where an import copies the file, and the statements that settle it. Each
 * list's contacts are a table of their own (a partition of {@code contacts}); the import creates
 * it, unindexed, and copies into it the first row of each valid number, while the rows not taken
 * go to {@code contact_rejects} (see {@link ContactLoader}). Nothing sees that table until the
 * import's transaction attaches it. One statement then moves out the numbers that opted out; the
 * table is indexed in one sorted pass and attached. A file is so written once: on a server with
 * {@code wal_level=minimal} a table created and filled in one transaction is written and synced
 * without being logged row by row, as a bare {@code COPY} into a new table is.
 */
final class ContactStaging {
    static final String BAD_NUMBER = "bad_number";
    static final String DUPLICATE = "duplicate";
    static final String NO_NUMBER = "no phone number";
    static final String NOT_A_NUMBER = "not a valid phone number";
    static final String COPY_REJECTS = "COPY contact_rejects (list_key, line_no, reason, detail, phone_raw)";

    private ContactStaging() {}

    static String sameNumberAs(int firstLine) {
        return "the same number as line " + firstLine;
    }

    /** The table of one list's contacts: named by the list's numeric key, so no client text reaches the DDL. */
    static String partition(long listKey) {
        return "contacts_" + listKey;
    }

    /**
     * Creates the list's own contacts table, empty and unindexed, its key the default of every
     * row; a check on the key lets the attachment skip a scan.
     */
    static void create(Handle h, long listKey) {
        h.execute("CREATE TABLE " + partition(listKey) + " (LIKE contacts INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
                + "CHECK (list_key = " + listKey + "))");
        h.execute("ALTER TABLE " + partition(listKey) + " ALTER COLUMN list_key SET DEFAULT " + listKey);
        // Room to hash or sort a million numbers in memory rather than on disk, for this transaction only.
        h.execute("SET LOCAL work_mem = '256MB'");
        h.execute("SET LOCAL maintenance_work_mem = '256MB'");
    }

    /** How the import copies contacts, in the order {@link ContactLoader} writes them. */
    static String copyContacts(long listKey) {
        return "COPY " + partition(listKey) + " (line_no, phone, phone_raw, first_name, last_name, address, "
                + "address_line_2, city, state, zip, custom)";
    }

    /**
     * Moves out the numbers that opted out and, if the file had more numbers than the loader could
     * judge in memory, the duplicates it left; then indexes and attaches the table, and counts.
     */
    static ImportCounts settle(Handle h, long listKey, String organizationId, int totalRows, boolean duplicatesLeft) {
        boolean optOuts = h.createQuery("SELECT EXISTS (SELECT 1 FROM opt_outs WHERE organization_id = :org)")
                .bind("org", organizationId).mapTo(Boolean.class).one();
        if (duplicatesLeft) {
            RowsNotTaken.moveDuplicatesAndOptedOut(h, listKey, organizationId);
        } else if (optOuts) {
            RowsNotTaken.moveOptedOut(h, listKey, organizationId);
        }
        if (optOuts) RowsNotTaken.relabelDuplicatesOfOptedOut(h, listKey);
        // Indexed in one sorted pass once settled, then made part of contacts: nothing else sees it before.
        // A primary key, not a bare unique index, so that the attachment adopts it instead of building its own.
        h.execute("ALTER TABLE " + partition(listKey) + " ADD CONSTRAINT " + partition(listKey)
                + "_pkey PRIMARY KEY (list_key, phone)");
        h.execute("ALTER TABLE contacts ATTACH PARTITION " + partition(listKey) + " FOR VALUES IN (" + listKey + ")");
        return h.createQuery("""
                SELECT count(*) FILTER (WHERE reason = 'bad_number') AS bad,
                       count(*) FILTER (WHERE reason = 'duplicate') AS duplicates,
                       count(*) FILTER (WHERE reason = 'opted_out') AS opted_out
                FROM contact_rejects WHERE list_key = :key""")
                .bind("key", listKey)
                .map((rs, ctx) -> {
                    int bad = rs.getInt("bad");
                    int duplicates = rs.getInt("duplicates");
                    int opted = rs.getInt("opted_out");
                    return new ImportCounts(totalRows, totalRows - bad, totalRows - bad - duplicates - opted, duplicates,
                            bad, opted);
                })
                .one();
    }
}
