package org.civicast.contacts;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The statements that move rows out of a list's new table into {@code contact_rejects}, after
 * the file is copied. Bad numbers and duplicates are usually judged as the file streams and never
 * enter the table; what is left here is what only the database knows (the organization's opt-outs)
 * or, for a file of more numbers than the loader keeps in memory, the duplicates it could not see.
 */
final class RowsNotTaken {
    private static final String OPTED_OUT_DETAIL = "the number has opted out of this organization''s texts";

    private RowsNotTaken() {}

    /** The list's rows of numbers that opted out: usually none, so one join and no second pass. */
    static void moveOptedOut(Handle h, long listKey, String organizationId) {
        h.createUpdate("""
                WITH opted AS (
                    DELETE FROM <partition> c USING opt_outs o
                    WHERE o.organization_id = :org AND o.phone = c.phone
                    RETURNING c.line_no, c.phone_raw)
                INSERT INTO contact_rejects (list_key, line_no, reason, detail, phone_raw)
                SELECT :key, line_no, 'opted_out', '<detail>', phone_raw FROM opted
                """.replace("<partition>", ContactStaging.partition(listKey)).replace("<detail>", OPTED_OUT_DETAIL))
                .bind("key", listKey).bind("org", organizationId)
                .execute();
    }

    /**
     * Of each number its first line stays unless the organization's opt-outs hold it; every other
     * row moves out with its reason. For rows the loader could not judge (bad numbers never reach
     * the table).
     */
    static void moveDuplicatesAndOptedOut(Handle h, long listKey, String organizationId) {
        h.createUpdate("""
                WITH firsts AS MATERIALIZED (
                    SELECT phone, min(line_no) AS first_line FROM <partition> GROUP BY phone),
                opted AS MATERIALIZED (
                    SELECT o.phone FROM opt_outs o WHERE o.organization_id = :org),
                rejected AS MATERIALIZED (
                    SELECT p.line_no, p.phone_raw, f.first_line, p.phone IN (SELECT phone FROM opted) AS opted
                    FROM <partition> p JOIN firsts f ON f.phone = p.phone
                    WHERE p.line_no <> f.first_line OR p.phone IN (SELECT phone FROM opted)),
                gone AS (
                    DELETE FROM <partition> WHERE line_no IN (SELECT line_no FROM rejected))
                INSERT INTO contact_rejects (list_key, line_no, reason, detail, phone_raw)
                SELECT :key, line_no,
                       CASE WHEN opted THEN 'opted_out' ELSE 'duplicate' END,
                       CASE WHEN opted THEN '<detail>' ELSE 'the same number as line ' || first_line END,
                       phone_raw
                FROM rejected
                """.replace("<partition>", ContactStaging.partition(listKey)).replace("<detail>", OPTED_OUT_DETAIL))
                .bind("key", listKey).bind("org", organizationId)
                .execute();
    }

    /**
     * A later row of a number that opted out is counted as opted out, not as a duplicate: the
     * loader, which does not know the opt-outs, wrote it as a duplicate of the number's first line.
     * The details to look for are gathered first (there are as many as opted-out rows, usually
     * none), so that the update is one pass over the list's rejected rows whatever the planner
     * guesses of tables it has no statistics for yet.
     */
    static void relabelDuplicatesOfOptedOut(Handle h, long listKey) {
        List<String> details = h.createQuery("""
                SELECT line_no FROM contact_rejects WHERE list_key = :key AND reason = 'opted_out'""")
                .bind("key", listKey).mapTo(Integer.class).stream().map(ContactStaging::sameNumberAs).toList();
        if (details.isEmpty()) return;
        h.createUpdate("""
                UPDATE contact_rejects SET reason = 'opted_out', detail = '<detail>'
                WHERE list_key = :key AND reason = 'duplicate' AND detail = ANY (:details)
                """.replace("<detail>", OPTED_OUT_DETAIL))
                .bind("key", listKey).bind("details", details.toArray(String[]::new))
                .execute();
    }
}
