package org.civicast.sending;

import java.time.Clock;
import org.civicast.contacts.Audience;
import org.civicast.platform.db.Database;
import org.jdbi.v3.core.Handle;

/**
 * Writes a send's audience as queued messages, once, a band of numbers at a time, each band in a
 * transaction of its own: the send's dispatchers hand over the first band while the next are
 * written, instead of waiting for the whole audience (a million numbers take some seconds). Each
 * recipient gets the sender its number hashes to among the project's numbers, so a recipient hears
 * from the same number every time the same numbers send.
 *
 * <p>The send's row keeps the end of the last band written ({@code compiled_through}), so a
 * compilation cut short by a crash goes on where it stopped; {@code compiled_at} marks the end.
 * Bands go in order of number, and so messages get ids in the order claims read them.
 */
final class Compilation {
    private Compilation() {}

    /**
     * Where the bands end, by number (E.164 digits): numbers below the North American plan's,
     * the plan's (1 and ten digits) in sixteen bands of fifty area codes, then the rest of the world.
     */
    static final long[] BAND_ENDS = bandEnds();

    private static long[] bandEnds() {
        long[] ends = new long[1 + 16 + 3];
        int i = 0;
        ends[i++] = 12_000_000_000L;
        for (int band = 1; band <= 16; band++) ends[i++] = 12_000_000_000L + band * 500_000_000L;
        ends[i++] = 100_000_000_000L;
        ends[i++] = 10_000_000_000_000L;
        ends[i] = Long.MAX_VALUE;
        return ends;
    }

    /** Writes the bands not written yet; returns when the whole audience is. */
    static void run(Database db, long sendKey, Broadcast b, Clock clock) {
        boolean analysed = false;
        while (true) {
            boolean analyse = !analysed;
            Band written = db.tx(h -> band(h, sendKey, b, clock, analyse));
            if (written.messages() > 0) analysed = true;
            if (written.last()) return;
        }
    }

    /** What a band's transaction wrote: its messages, and whether it ended the compilation. */
    record Band(int messages, boolean last) {}

    static Band band(Handle h, long sendKey, Broadcast b, Clock clock, boolean analyse) {
        // One compilation of a send at a time; the send's row itself is left to the dispatchers'
        // claims, which go on meanwhile.
        h.execute("SELECT pg_advisory_xact_lock(hashtext('civicast.sending.compile'), CAST(? AS integer))",
                (int) (sendKey ^ (sendKey >>> 32)));
        // The end of the last band written; the last band ends at Long.MAX_VALUE, so that is done.
        long from = h.createQuery("SELECT coalesce(compiled_through, 0) FROM sends WHERE send_key = :key")
                .bind("key", sendKey).mapTo(Long.class).one();
        if (from == Long.MAX_VALUE) return new Band(0, true);
        int index = 0;
        while (BAND_ENDS[index] <= from) index++;
        long to = BAND_ENDS[index];
        boolean last = index == BAND_ENDS.length - 1;
        // Before its compilation a send holds test messages at most, and a band's numbers are its
        // own: the audience holds each number once, so the insert needs no ON CONFLICT (the unique
        // index still guards, without a speculative insertion for every row).
        int messages = h.createUpdate("""
                INSERT INTO outbound_messages (send_key, phone, sender_id, sender, first_name, last_name, address,
                    address_line_2, city, state, zip, custom, custom_tags, status, queued_at)
                SELECT :key, a.phone, (:senderIds)[CAST(1 + a.phone % :n AS integer)], (:senders)[CAST(1 + a.phone % :n AS integer)], a.first_name,
                       a.last_name, a.address, a.address_line_2, a.city, a.state, a.zip, a.custom, a.custom_tags,
                       'queued', :now
                FROM (<audience>) a""".replace("<audience>", Audience.selectBand(b.suppressionIds())))
                .bind("key", sendKey).bind("n", b.senders().size())
                .bindArray("senderIds", String.class, b.senders().stream().map(Broadcast.Sender::id).toList())
                .bindArray("senders", String.class, b.senders().stream().map(Broadcast.Sender::number).toList())
                .bindArray("lists", String.class, b.listIds()).bindArray("suppressions", String.class, b.suppressionIds())
                .bind("org", b.organizationId()).bind("from", from).bind("to", to)
                .bind("now", clock.instant())
                .execute();
        // The table just grew by a band of the audience: without fresh statistics PostgreSQL plans
        // each claim's "next messages after the cursor" as if the send were empty, and reads all of it.
        if (analyse && messages > 0) h.execute("ANALYZE outbound_messages");
        h.createUpdate("""
                UPDATE sends SET compiled_through = :to, recipients = coalesce(recipients, 0) + :n,
                    compiled_at = CASE WHEN :last THEN CAST(:now AS timestamptz) END
                WHERE send_key = :key""")
                .bind("key", sendKey).bind("to", to).bind("n", messages).bind("last", last)
                .bind("now", clock.instant()).execute();
        return new Band(messages, last);
    }
}
