package org.civicast.contacts;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * The staging table of one import and the statement that merges it into the list. The table is
 * temporary and unindexed, lives in the import's transaction only, and is dropped with it.
 */
final class ContactStaging {
    private ContactStaging() {}

    /** Custom columns are numbered (c1, c2, …): no text of the file ever reaches the DDL. */
    static void create(Handle h, int customFields) {
        h.execute("""
                CREATE TEMP TABLE contact_staging (
                    line_no integer, phone bigint, problem text, phone_raw text,
                    first_name text, last_name text, address text, address_line_2 text, city text, state text, zip text
                """ + customColumns(customFields, " text") + ") ON COMMIT DROP");
        // Room to sort a million rows in memory rather than on disk, for this transaction only.
        h.execute("SET LOCAL work_mem = '256MB'");
    }

    /**
     * Keeps, of each number, its first row unless the organization's opt-outs hold it, and records
     * every other row as a duplicate (naming the row kept), opted out, or a bad number; then counts.
     */
    static ImportCounts merge(Handle h, long listKey, String organizationId, int customFields) {
        String custom = customFields == 0 ? "NULL"
                : "ARRAY[" + IntStream.rangeClosed(1, customFields).mapToObj(i -> "c" + i).collect(Collectors.joining(", ")) + "]";
        h.createUpdate("""
                WITH ranked AS (
                    SELECT s.*, row_number() OVER w AS n, first_value(s.line_no) OVER w AS first_line,
                           o.phone IS NOT NULL AS opted
                    FROM contact_staging s
                    LEFT JOIN opt_outs o ON o.organization_id = :org AND o.phone = s.phone
                    WINDOW w AS (PARTITION BY s.phone ORDER BY s.line_no)),
                kept AS (
                    INSERT INTO contacts (list_key, phone, line_no, first_name, last_name, address, address_line_2,
                                          city, state, zip, custom)
                    SELECT :key, phone, line_no, first_name, last_name, address, address_line_2, city, state, zip, <custom>
                    FROM ranked WHERE phone IS NOT NULL AND n = 1 AND NOT opted
                    RETURNING 1)
                INSERT INTO contact_rejects (list_key, line_no, reason, detail, phone_raw)
                SELECT :key, line_no,
                       CASE WHEN phone IS NULL THEN 'bad_number' WHEN opted THEN 'opted_out' ELSE 'duplicate' END,
                       CASE WHEN phone IS NULL THEN problem
                            WHEN opted THEN 'the number has opted out of this organization''s texts'
                            ELSE 'the same number as line ' || first_line END,
                       phone_raw
                FROM ranked WHERE phone IS NULL OR opted OR n > 1
                """.replace("<custom>", custom))
                .bind("key", listKey).bind("org", organizationId)
                .execute();
        return h.createQuery("""
                SELECT (SELECT count(*) FROM contact_staging) AS total_rows,
                       count(*) FILTER (WHERE reason = 'bad_number') AS bad,
                       count(*) FILTER (WHERE reason = 'duplicate') AS duplicates,
                       count(*) FILTER (WHERE reason = 'opted_out') AS opted_out
                FROM contact_rejects WHERE list_key = :key""")
                .bind("key", listKey)
                .map((rs, ctx) -> {
                    int total = rs.getInt("total_rows");
                    int bad = rs.getInt("bad");
                    int duplicates = rs.getInt("duplicates");
                    int opted = rs.getInt("opted_out");
                    return new ImportCounts(total, total - bad, total - bad - duplicates - opted, duplicates, bad, opted);
                })
                .one();
    }

    private static String customColumns(int count, String type) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> ", c" + i + type).collect(Collectors.joining());
    }
}
