package org.civicast.contacts;

import org.jdbi.v3.core.Handle;

/**
 * Where an import stages a file and the statement that settles it. Each list's contacts are a
 * table of their own (a partition of {@code contacts}); the import creates it, unindexed, and
 * copies every row of the file into it. That table is the staging: nothing sees it until the
 * import's transaction attaches it. One statement then moves every row not taken — a bad number
 * (staged under a negative "number", the line's), a number seen on an earlier line, a number that
 * opted out — into {@code contact_rejects}, after which the table is indexed in one sorted pass and
 * attached. A file is so written once, not copied from a staging table into the list row by row:
 * on a server with {@code wal_level=minimal} a table created and filled in one transaction is
 * written and synced without being logged row by row, as a bare {@code COPY} into a new table is.
 */
final class ContactStaging {
    private ContactStaging() {}

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
        // Room to hash a million numbers in memory rather than on disk, for this transaction only.
        h.execute("SET LOCAL work_mem = '256MB'");
    }

    /** The columns the import copies, in the order {@link ContactLoader} writes them. */
    static String copyColumns(long listKey) {
        return partition(listKey) + " (line_no, phone, phone_raw, first_name, last_name, address, address_line_2, city, "
                + "state, zip, custom)";
    }

    /**
     * Moves out every row not taken, with its reason, in one statement: of each number its first
     * line stays unless the organization's opt-outs hold it; then indexes and attaches the table,
     * and counts.
     */
    static ImportCounts settle(Handle h, long listKey, String organizationId, int totalRows) {
        h.createUpdate("""
                WITH firsts AS MATERIALIZED (
                    SELECT phone, min(line_no) AS first_line FROM <partition> WHERE phone > 0 GROUP BY phone),
                opted AS MATERIALIZED (
                    SELECT o.phone FROM opt_outs o WHERE o.organization_id = :org),
                rejected AS MATERIALIZED (
                    SELECT p.line_no, p.phone, p.phone_raw, f.first_line, p.phone IN (SELECT phone FROM opted) AS opted
                    FROM <partition> p LEFT JOIN firsts f ON f.phone = p.phone
                    WHERE p.phone < 0 OR p.line_no <> f.first_line OR p.phone IN (SELECT phone FROM opted)),
                gone AS (
                    DELETE FROM <partition> WHERE line_no IN (SELECT line_no FROM rejected))
                INSERT INTO contact_rejects (list_key, line_no, reason, detail, phone_raw)
                SELECT :key, line_no,
                       CASE WHEN phone < 0 THEN 'bad_number' WHEN opted THEN 'opted_out' ELSE 'duplicate' END,
                       CASE WHEN phone < 0 AND phone_raw IS NULL THEN 'no phone number'
                            WHEN phone < 0 THEN 'not a valid phone number'
                            WHEN opted THEN 'the number has opted out of this organization''s texts'
                            ELSE 'the same number as line ' || first_line END,
                       phone_raw
                FROM rejected
                """.replace("<partition>", partition(listKey)))
                .bind("key", listKey).bind("org", organizationId)
                .execute();
        // Indexed in one sorted pass once settled, then made part of contacts: nothing else sees it before.
        h.execute("CREATE UNIQUE INDEX " + partition(listKey) + "_pkey ON " + partition(listKey) + " (list_key, phone)");
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
