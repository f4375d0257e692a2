package org.civicast.contacts;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * The staging table of one import and the statement that merges it into the list. The table is
 * unlogged and unindexed, and lives in the import's transaction only.
 */
final class ContactStaging {
    private ContactStaging() {}

    /**
     * The import's staging table: unlogged (never worth a crash's recovery), created and dropped in
     * the import's transaction, so a crash leaves nothing of it; one per list, so imports run side by side.
     */
    static String staging(long listKey) {
        return "contact_staging_" + listKey;
    }

    /** The table of one list's contacts: named by the list's numeric key, so no client text reaches the DDL. */
    static String partition(long listKey) {
        return "contacts_" + listKey;
    }

    /**
     * Creates the import's staging table and the list's own contacts table, empty and unindexed;
     * a check on the list's key lets the attachment skip a scan. Custom columns are numbered (c1,
     * c2, …): no text of the file ever reaches the DDL.
     */
    static void create(Handle h, long listKey, int customFields) {
        h.execute("CREATE TABLE " + partition(listKey) + " (LIKE contacts INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
                + "CHECK (list_key = " + listKey + "))");
        h.execute("""
                CREATE UNLOGGED TABLE <staging> (
                    line_no integer, phone bigint, problem text, phone_raw text,
                    first_name text, last_name text, address text, address_line_2 text, city text, state text, zip text
                """.replace("<staging>", staging(listKey)) + customColumns(customFields, " text") + ")");
        // Room to sort a million rows in memory rather than on disk, for this transaction only.
        h.execute("SET LOCAL work_mem = '256MB'");
    }

    /**
     * Keeps, of each number, its first row unless the organization's opt-outs hold it, and records
     * every other row as a duplicate (naming the row kept), opted out, or a bad number; then counts.
     *
     * <p>One statement. The first line of each number comes from a hash aggregate over two narrow
     * columns, not a window over whole rows read twice, which cost several times as much; the list's
     * table has no index yet, so rows go in as they come.
     */
    static ImportCounts merge(Handle h, long listKey, String organizationId, int customFields) {
        String custom = customFields == 0 ? "NULL"
                : "ARRAY[" + IntStream.rangeClosed(1, customFields).mapToObj(i -> "s.c" + i).collect(Collectors.joining(", ")) + "]";
        h.createUpdate("""
                WITH firsts AS MATERIALIZED (
                    SELECT phone, min(line_no) AS first_line FROM <staging> WHERE phone IS NOT NULL GROUP BY phone),
                opted AS MATERIALIZED (
                    SELECT o.phone FROM opt_outs o WHERE o.organization_id = :org),
                kept AS (
                    INSERT INTO <partition> (list_key, phone, line_no, first_name, last_name, address, address_line_2,
                                          city, state, zip, custom)
                    SELECT :key, s.phone, s.line_no, s.first_name, s.last_name, s.address, s.address_line_2, s.city,
                           s.state, s.zip, <custom>
                    FROM <staging> s JOIN firsts f ON f.phone = s.phone AND f.first_line = s.line_no
                    WHERE s.phone NOT IN (SELECT phone FROM opted)
                    RETURNING 1)
                INSERT INTO contact_rejects (list_key, line_no, reason, detail, phone_raw)
                SELECT :key, s.line_no,
                       CASE WHEN s.phone IS NULL THEN 'bad_number' WHEN s.phone IN (SELECT phone FROM opted) THEN 'opted_out'
                            ELSE 'duplicate' END,
                       CASE WHEN s.phone IS NULL THEN s.problem
                            WHEN s.phone IN (SELECT phone FROM opted) THEN 'the number has opted out of this organization''s texts'
                            ELSE 'the same number as line ' || f.first_line END,
                       s.phone_raw
                FROM <staging> s LEFT JOIN firsts f ON f.phone = s.phone
                WHERE s.phone IS NULL OR s.line_no <> f.first_line OR s.phone IN (SELECT phone FROM opted)
                """.replace("<custom>", custom).replace("<partition>", partition(listKey)).replace("<staging>", staging(listKey)))
                .bind("key", listKey).bind("org", organizationId)
                .execute();
        // Indexed in one sorted pass once full, then made part of contacts: nothing else sees it before.
        h.execute("CREATE UNIQUE INDEX " + partition(listKey) + "_pkey ON " + partition(listKey) + " (list_key, phone)");
        h.execute("ALTER TABLE contacts ATTACH PARTITION " + partition(listKey) + " FOR VALUES IN (" + listKey + ")");
        ImportCounts counts = h.createQuery("""
                SELECT (SELECT count(*) FROM <staging>) AS total_rows,
                       count(*) FILTER (WHERE reason = 'bad_number') AS bad,
                       count(*) FILTER (WHERE reason = 'duplicate') AS duplicates,
                       count(*) FILTER (WHERE reason = 'opted_out') AS opted_out
                FROM contact_rejects WHERE list_key = :key""".replace("<staging>", staging(listKey)))
                .bind("key", listKey)
                .map((rs, ctx) -> {
                    int total = rs.getInt("total_rows");
                    int bad = rs.getInt("bad");
                    int duplicates = rs.getInt("duplicates");
                    int opted = rs.getInt("opted_out");
                    return new ImportCounts(total, total - bad, total - bad - duplicates - opted, duplicates, bad, opted);
                })
                .one();
        h.execute("DROP TABLE " + staging(listKey));
        return counts;
    }

    private static String customColumns(int count, String type) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> ", c" + i + type).collect(Collectors.joining());
    }
}
