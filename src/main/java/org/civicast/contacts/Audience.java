package org.civicast.contacts;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Who a send to some lists reaches: each number once across the lists, less the numbers of the
 * suppression lists, the organization's opt-outs, and the numbers an analysis found to be
 * landlines or invalid. The lists' keys are looked up first, so that only their own contacts
 * tables (partitions) are read. Counting it (a project's {@code total_recipients}) and compiling it (the
 * sending engine's recipients) use the same query, so the count is what will be sent.
 */
public final class Audience {
    private Audience() {}

    /** Which contacts are in the audience: shared by every query of it. */
    private static final String FROM_WHERE = """
            FROM contacts c
            JOIN contact_lists l ON l.list_key = c.list_key
            JOIN unnest(CAST(:lists AS text[])) WITH ORDINALITY AS wanted(id, position) ON wanted.id = l.id
            WHERE c.list_key = ANY(ARRAY(SELECT list_key FROM contact_lists WHERE id = ANY(CAST(:lists AS text[]))))
              AND l.status = 'ready'
              AND (c.line_type IS NULL OR c.line_type IN ('mobile', 'voip'))
              AND NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.organization_id = :org AND o.phone = c.phone)
            """;

    /**
     * Less the suppression lists' numbers. Only written when there are suppression lists: for an
     * empty list PostgreSQL cannot tell it is empty when it plans, and probes the contacts' index
     * once for each row of the audience.
     */
    private static final String SUPPRESSED = """
              AND NOT EXISTS (SELECT 1 FROM contacts s
                              WHERE s.list_key = ANY(ARRAY(SELECT list_key FROM contact_lists
                                                           WHERE id = ANY(CAST(:suppressions AS text[]))))
                                AND s.phone = c.phone)
            """;

    /** Which row of a number counts: the first list's, in the order given. */
    private static final String ORDER = """
            ORDER BY c.phone, wanted.position
            """;

    private static String fromWhere(List<String> suppressionIds) {
        return suppressionIds.isEmpty() ? FROM_WHERE : FROM_WHERE + SUPPRESSED;
    }

    /**
     * The audience as rows {@code (phone, line_no, first_name, last_name, address, address_line_2,
     * city, state, zip, custom, custom_tags)}, one per number, from the first list (in the order
     * given) that has it. Parameters: {@code :lists} and {@code :suppressions} (text arrays of list
     * ids, {@code :suppressions} those given here) and {@code :org} (the sending organization, whose
     * opt-outs apply), and {@code :from} (included) and {@code :to} (excluded): the band of numbers
     * wanted, read through the contacts' index by number. Other features embed it (the sending
     * engine inserts from it, a band at a time); its text is this feature's.
     */
    public static String selectBand(List<String> suppressionIds) {
        return COLUMNS + fromWhere(suppressionIds) + "  AND c.phone >= :from AND c.phone < :to\n" + ORDER;
    }

    private static final String COLUMNS = """
            SELECT DISTINCT ON (c.phone) c.phone, c.line_no, c.first_name, c.last_name, c.address, c.address_line_2,
                   c.city, c.state, c.zip, c.custom, l.custom_tags
            """;

    /**
     * The audience's carriers as analyses found them: how many numbers it holds, how many have a
     * known carrier, and how many of those are T-Mobile's (T-Mobile, Sprint, Metro) and AT&T's
     * (AT&T, Cingular, Cricket), by the carrier's name. (No {@code ?} in the patterns: JDBI would
     * read it as a parameter.)
     */
    private static String carriers(List<String> suppressionIds) {
        return """
            SELECT count(*) AS recipients, count(carrier) AS known,
                   count(*) FILTER (WHERE carrier ~* '(t-mobile|tmobile|sprint|metropcs|metro pcs|metro by)') AS t_mobile,
                   count(*) FILTER (WHERE carrier ~* '(at&t|at and t|cingular|cricket)') AS att
            FROM (SELECT DISTINCT ON (c.phone) c.phone, c.carrier
            """ + fromWhere(suppressionIds) + ORDER + ") audience";
    }

    /**
     * How many the audience holds now: its distinct numbers, without carrying and sorting each
     * row's merge fields as compiling it must (a project is counted each time it is read).
     */
    static int count(Handle h, String organizationId, List<String> listIds, List<String> suppressionIds) {
        return h.createQuery("SELECT count(DISTINCT c.phone) " + fromWhere(suppressionIds))
                .bindArray("lists", String.class, listIds)
                .bindArray("suppressions", String.class, suppressionIds)
                .bind("org", organizationId)
                .mapTo(Integer.class).one();
    }

    static AudienceCarriers carriers(Handle h, String organizationId, List<String> listIds, List<String> suppressionIds) {
        return h.createQuery(carriers(suppressionIds))
                .bindArray("lists", String.class, listIds)
                .bindArray("suppressions", String.class, suppressionIds)
                .bind("org", organizationId)
                .map((rs, ctx) -> new AudienceCarriers(rs.getInt("recipients"), rs.getInt("known"),
                        rs.getInt("t_mobile"), rs.getInt("att")))
                .one();
    }
}
