package org.civicast.contacts;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of a list's line-type analysis: its state, its batches and its counters. */
final class Analysis {
    private Analysis() {}

    /** The counters as the list's detail shows them; null until a number has been analysed. */
    static ContactListDetail.Breakdown breakdown(Handle h, ContactListStore.Row list) {
        return h.createQuery("""
                SELECT analyzed_mobile, analyzed_landline, analyzed_voip, analyzed_invalid, analyzed_numbers
                FROM contact_lists WHERE list_key = :key""")
                .bind("key", list.key())
                .map((rs, ctx) -> rs.getInt("analyzed_numbers") == 0 ? null : new ContactListDetail.Breakdown(
                        rs.getInt("analyzed_mobile"), rs.getInt("analyzed_landline"), rs.getInt("analyzed_voip"),
                        rs.getInt("analyzed_invalid")))
                .findOne().orElse(null);
    }

    /** Numbers of the list not yet analysed. */
    static int waiting(Handle h, long key) {
        return h.createQuery("SELECT count(*) FROM contacts WHERE list_key = :key AND looked_up_at IS NULL")
                .bind("key", key).mapTo(Integer.class).one();
    }

    static void start(Handle h, String id, Instant now) {
        h.createUpdate("""
                UPDATE contact_lists SET analysis_status = 'processing', analysis_failure = NULL,
                    analysis_started_at = :now, analysis_completed_at = NULL, updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("now", now).execute();
    }

    /** The next numbers to analyse, in order, so that a resumed analysis continues where it stopped. */
    static List<Long> nextBatch(Handle h, long key, int size) {
        return h.createQuery("SELECT phone FROM contacts WHERE list_key = :key AND looked_up_at IS NULL ORDER BY phone LIMIT :n")
                .bind("key", key).bind("n", size).mapTo(Long.class).list();
    }

    /** Stores one batch's answers and adds them to the list's counters, in one transaction. */
    static void record(Handle h, long key, List<LineTypeSource.LineType> results) {
        int n = results.size();
        Long[] phones = new Long[n];
        String[] types = new String[n];
        String[] carriers = new String[n];
        String[] lrns = new String[n];
        Boolean[] ported = new Boolean[n];
        String[] at = new String[n];
        for (int i = 0; i < n; i++) {
            LineTypeSource.LineType r = results.get(i);
            phones[i] = r.phone();
            types[i] = r.lineType();
            carriers[i] = r.carrier();
            lrns[i] = r.lrn();
            ported[i] = r.ported();
            at[i] = r.lookedUpAt().toString();
        }
        List<String> updated = h.createQuery("""
                UPDATE contacts c SET line_type = r.line_type, carrier = r.carrier, lrn = r.lrn, ported = r.ported,
                    looked_up_at = r.at
                FROM unnest(:phones, :types, :carriers, :lrns, :ported, CAST(:at AS timestamptz[]))
                     AS r(phone, line_type, carrier, lrn, ported, at)
                WHERE c.list_key = :key AND c.phone = r.phone AND c.looked_up_at IS NULL
                RETURNING c.line_type""")
                .bind("key", key)
                .bindArray("phones", Long.class, (Object[]) phones).bindArray("types", String.class, (Object[]) types)
                .bindArray("carriers", String.class, (Object[]) carriers).bindArray("lrns", String.class, (Object[]) lrns)
                .bindArray("ported", Boolean.class, (Object[]) ported)
                .bindArray("at", String.class, (Object[]) at)
                .mapTo(String.class).list();
        h.createUpdate("""
                UPDATE contact_lists SET analyzed_numbers = analyzed_numbers + :n,
                    analyzed_mobile = analyzed_mobile + :mobile, analyzed_landline = analyzed_landline + :landline,
                    analyzed_voip = analyzed_voip + :voip, analyzed_invalid = analyzed_invalid + :invalid
                WHERE list_key = :key""")
                .bind("key", key).bind("n", (int) updated.stream().filter(java.util.Objects::nonNull).count())
                .bind("mobile", count(updated, "mobile")).bind("landline", count(updated, "landline"))
                .bind("voip", count(updated, "voip")).bind("invalid", count(updated, "invalid"))
                .execute();
    }

    static void complete(Handle h, String id, Instant now) {
        h.createUpdate("""
                UPDATE contact_lists SET analysis_status = 'complete', analysis_completed_at = :now, updated_at = :now
                WHERE id = :id AND analysis_status = 'processing'""")
                .bind("id", id).bind("now", now).execute();
    }

    static void failed(Handle h, String id, String reason, Instant now) {
        h.createUpdate("""
                UPDATE contact_lists SET analysis_status = 'failed', analysis_failure = :reason,
                    analysis_completed_at = :now, updated_at = :now
                WHERE id = :id AND analysis_status = 'processing'""")
                .bind("id", id).bind("reason", reason).bind("now", now).execute();
    }

    private static int count(List<String> types, String type) {
        return (int) types.stream().filter(type::equals).count();
    }
}
