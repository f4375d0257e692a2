package org.civicast.sending;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.contacts.Audience;
import org.civicast.contacts.OptOuts;
import org.jdbi.v3.core.Handle;

/** SQL of sends and their messages. */
final class SendStore {
    private SendStore() {}

    /** A claimed message, with what is needed to write and submit it. */
    record Claimed(long id, long phone, String senderId, String sender, Map<String, String> values) {}

    /** The send of a project, created on first use. */
    static long sendKey(Handle h, String projectId, String organizationId, String brandId, Instant now) {
        return h.createQuery("""
                INSERT INTO sends (project_id, organization_id, brand_id, created_at) VALUES (:project, :org, :brand, :now)
                ON CONFLICT (project_id) DO UPDATE SET project_id = excluded.project_id
                RETURNING send_key""")
                .bind("project", projectId).bind("org", organizationId).bind("brand", brandId).bind("now", now)
                .mapTo(Long.class).one();
    }

    static Optional<Long> existingKey(Handle h, String projectId) {
        return h.createQuery("SELECT send_key FROM sends WHERE project_id = :project").bind("project", projectId)
                .mapTo(Long.class).findOne();
    }

    /**
     * Writes the audience as queued messages, once: each recipient gets the sender its number
     * hashes to among the project's numbers, so a recipient hears from the same number every time
     * the same numbers send. Returns how many messages the send has.
     */
    static int compile(Handle h, long sendKey, Broadcast b, Instant now) {
        Boolean compiled = h.createQuery("SELECT compiled_at IS NOT NULL FROM sends WHERE send_key = :key FOR UPDATE")
                .bind("key", sendKey).mapTo(Boolean.class).one();
        if (!compiled) {
            h.createUpdate("""
                    INSERT INTO outbound_messages (send_key, phone, sender_id, sender, first_name, last_name, address,
                        address_line_2, city, state, zip, custom, custom_tags, status, queued_at)
                    SELECT :key, a.phone, (:senderIds)[CAST(1 + a.phone % :n AS integer)], (:senders)[CAST(1 + a.phone % :n AS integer)], a.first_name,
                           a.last_name, a.address, a.address_line_2, a.city, a.state, a.zip, a.custom, a.custom_tags,
                           'queued', :now
                    FROM (<audience>) a
                    ON CONFLICT (send_key, phone) WHERE NOT is_test DO NOTHING""".replace("<audience>", Audience.SELECT))
                    .bind("key", sendKey).bind("n", b.senders().size())
                    .bindArray("senderIds", String.class, b.senders().stream().map(Broadcast.Sender::id).toList())
                    .bindArray("senders", String.class, b.senders().stream().map(Broadcast.Sender::number).toList())
                    .bindArray("lists", String.class, b.listIds()).bindArray("suppressions", String.class, b.suppressionIds())
                    .bind("org", b.organizationId()).bind("now", now)
                    .execute();
        }
        int recipients = h.createQuery("SELECT count(*) FROM outbound_messages WHERE send_key = :key AND NOT is_test")
                .bind("key", sendKey).mapTo(Integer.class).one();
        h.createUpdate("UPDATE sends SET compiled_at = coalesce(compiled_at, :now), recipients = :n WHERE send_key = :key")
                .bind("key", sendKey).bind("now", now).bind("n", recipients).execute();
        return recipients;
    }

    /**
     * Claims up to {@code limit} messages of the send: queued ones in order, and submissions whose
     * claim ran out (their dispatcher died mid hand-off). Numbers that opted out since the list was
     * compiled are settled as opted_out here, at send time, and not returned.
     */
    static List<Claimed> claim(Handle h, long sendKey, boolean tests, String organizationId, int limit, String worker,
                               Instant now, Instant claimEnd) {
        List<Claimed> claimed = new ArrayList<>();
        h.createQuery("""
                WITH expired AS (
                    SELECT id FROM outbound_messages WHERE status = 'submitting' AND claimed_until <= :now
                      AND send_key = :key AND is_test = :tests LIMIT :limit FOR UPDATE SKIP LOCKED),
                queued AS (
                    SELECT id FROM outbound_messages WHERE send_key = :key AND status = 'queued' AND is_test = :tests
                    ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED),
                due AS (
                    SELECT id FROM (SELECT id FROM expired UNION ALL SELECT id FROM queued) d LIMIT :limit),
                judged AS (
                    SELECT m.id, <opted> AS opted
                    FROM outbound_messages m JOIN due USING (id))
                UPDATE outbound_messages m
                SET status = CASE WHEN j.opted THEN 'opted_out' ELSE 'submitting' END,
                    claimed_by = CASE WHEN j.opted THEN NULL ELSE CAST(:worker AS text) END,
                    claimed_until = CASE WHEN j.opted THEN NULL ELSE CAST(:claimEnd AS timestamptz) END,
                    finished_at = CASE WHEN j.opted THEN CAST(:now AS timestamptz) END,
                    attempts = m.attempts + 1
                FROM judged j WHERE m.id = j.id
                RETURNING m.id, m.phone, m.sender_id, m.sender, m.status, m.first_name, m.last_name, m.address,
                          m.address_line_2, m.city, m.state, m.zip, m.custom, m.custom_tags"""
                .replace("<opted>", OptOuts.HOLDS.formatted("m.phone")))
                .bind("key", sendKey).bind("tests", tests).bind("org", organizationId).bind("limit", limit).bind("worker", worker)
                .bind("now", now).bind("claimEnd", claimEnd)
                .map((rs, ctx) -> {
                    if (!rs.getString("status").equals("submitting")) return null;
                    Map<String, String> values = new HashMap<>();
                    for (String tag : List.of("first_name", "last_name", "address", "address_line_2", "city", "state", "zip")) {
                        if (rs.getString(tag) != null) values.put(tag, rs.getString(tag));
                    }
                    java.sql.Array tags = rs.getArray("custom_tags");
                    java.sql.Array custom = rs.getArray("custom");
                    if (tags != null && custom != null) {
                        String[] t = (String[]) tags.getArray();
                        String[] v = (String[]) custom.getArray();
                        for (int i = 0; i < t.length && i < v.length; i++) if (v[i] != null) values.put(t[i], v[i]);
                    }
                    values.put("phone", "+" + rs.getLong("phone"));
                    claimed.add(new Claimed(rs.getLong("id"), rs.getLong("phone"), rs.getString("sender_id"),
                            rs.getString("sender"), values));
                    return null;
                })
                .forEach(x -> { });
        claimed.sort(java.util.Comparator.comparingLong(Claimed::id));
        return claimed;
    }

    /** Whether the send still has messages (of the send, or its tests) to hand over: queued, or in a hand-off. */
    static boolean unfinished(Handle h, long sendKey, boolean tests) {
        return h.createQuery("""
                SELECT EXISTS (SELECT 1 FROM outbound_messages
                               WHERE send_key = :key AND is_test = :tests AND status IN ('queued', 'submitting'))""")
                .bind("key", sendKey).bind("tests", tests).mapTo(Boolean.class).one();
    }

    /** Queues test messages: each phone with its own merge values, kept as tags and values. */
    static List<Long> queueTests(Handle h, long sendKey, List<TestMessage> tests, Instant now) {
        List<Long> ids = new ArrayList<>();
        for (TestMessage t : tests) {
            ids.add(h.createQuery("""
                    INSERT INTO outbound_messages (send_key, phone, is_test, sender_id, sender, custom, custom_tags, status,
                        queued_at)
                    VALUES (:key, :phone, true, :senderId, :sender, :values, :tags, 'queued', :now) RETURNING id""")
                    .bind("key", sendKey).bind("phone", t.phone()).bind("senderId", t.sender().id())
                    .bind("sender", t.sender().number())
                    .bindArray("values", String.class, List.copyOf(t.values().values()))
                    .bindArray("tags", String.class, List.copyOf(t.values().keySet())).bind("now", now)
                    .mapTo(Long.class).one());
        }
        return ids;
    }

    /** One test message to queue. */
    record TestMessage(long phone, Broadcast.Sender sender, Map<String, String> values) {}

    static void completed(Handle h, long sendKey, Instant now) {
        h.createUpdate("UPDATE sends SET completed_at = coalesce(completed_at, :now) WHERE send_key = :key")
                .bind("key", sendKey).bind("now", now).execute();
    }

    /** Adds sent segments to the brand's count for the Pacific day. */
    static void countSegments(Handle h, String brandId, java.time.LocalDate pacificDay, int segments) {
        if (brandId == null || segments == 0) return;
        h.createUpdate("""
                INSERT INTO brand_daily_segments (brand_id, pacific_day, segments) VALUES (:brand, :day, :n)
                ON CONFLICT (brand_id, pacific_day) DO UPDATE SET segments = brand_daily_segments.segments + excluded.segments""")
                .bind("brand", brandId).bind("day", pacificDay).bind("n", segments).execute();
    }

    static int segmentsOn(Handle h, String brandId, java.time.LocalDate pacificDay) {
        return h.createQuery("SELECT segments FROM brand_daily_segments WHERE brand_id = :brand AND pacific_day = :day")
                .bind("brand", brandId).bind("day", pacificDay).mapTo(Integer.class).findOne().orElse(0);
    }

    /** Messages of a send by status (tests apart). */
    static Map<String, Integer> counts(Handle h, long sendKey, boolean tests) {
        Map<String, Integer> counts = new HashMap<>();
        h.createQuery("SELECT status, count(*) AS n FROM outbound_messages WHERE send_key = :key AND is_test = :tests GROUP BY status")
                .bind("key", sendKey).bind("tests", tests)
                .map((rs, ctx) -> counts.put(rs.getString("status"), rs.getInt("n"))).forEach(x -> { });
        return counts;
    }
}
