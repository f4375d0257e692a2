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

    /**
     * A claimed message, with what is needed to write and submit it; {@code fresh} when it was
     * queued (a first claim), not a hand-off taken over from a dispatcher that died.
     */
    record Claimed(long id, long phone, String senderId, String sender, Map<String, String> values, boolean fresh) {}

    /** The send of a project, created on first use. */
    static long sendKey(Handle h, String projectId, String organizationId, String brandId, Instant now) {
        return h.createQuery("""
                INSERT INTO sends (project_id, organization_id, brand_id, created_at) VALUES (:project, :org, :brand, :now)
                ON CONFLICT (project_id) DO UPDATE SET project_id = excluded.project_id
                RETURNING send_key""")
                .bind("project", projectId).bind("org", organizationId).bind("brand", brandId).bind("now", now)
                .mapTo(Long.class).one();
    }

    static java.util.OptionalInt recipients(Handle h, String projectId) {
        return h.createQuery("SELECT recipients FROM sends WHERE project_id = :project AND compiled_at IS NOT NULL")
                .bind("project", projectId).mapTo(Integer.class).findOne()
                .map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty());
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
     * What a claim may take: at most {@code limit} messages; none to a recipient in an area code
     * now outside its sending hours ({@code closedAreaCodes}); from each sender at most its
     * allowance ({@code perSender}, null: no per-number limit). {@code late}: the send's deadline
     * has passed, so queued messages expire instead of going out. Only queued messages after the
     * id {@code after} are looked at — a dispatcher goes on from where it was, instead of stepping
     * again over the index entries of every message claimed before — and submissions whose claim
     * ran out only when {@code reclaim}: both passes over a send's whole history are made now and
     * then, not for every batch.
     */
    record ClaimRules(int limit, long[] closedAreaCodes, boolean late, Map<String, Integer> perSender, long after,
                      boolean reclaim) {
        static ClaimRules unlimited(int limit) {
            return new ClaimRules(limit, new long[0], false, null, 0, true);
        }
    }

    /** A claim's outcome: the messages to hand over, and those it settled as expired. */
    record Claim(List<Claimed> messages, List<Expired> expired) {
        boolean isEmpty() {
            return messages.isEmpty() && expired.isEmpty();
        }
    }

    /** A message that expired at its claim. */
    record Expired(long id, long phone, String sender, int sequence) {}

    private static final String QUEUED = """
            SELECT id, true AS fresh FROM outbound_messages
            WHERE send_key = :key AND status = 'queued' AND is_test = :tests AND id > :after
              AND NOT ((phone / 10000000) % 1000 = ANY(:closed))
            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""";

    /** The same, each sender up to its allowance. */
    private static final String QUEUED_PER_SENDER = """
            SELECT q.id, true AS fresh FROM unnest(:senderIds, :allowances) AS a(sender_id, n),
            LATERAL (SELECT id FROM outbound_messages
                     WHERE send_key = :key AND status = 'queued' AND is_test = :tests AND sender_id = a.sender_id
                       AND id > :after AND NOT ((phone / 10000000) % 1000 = ANY(:closed))
                     ORDER BY id LIMIT a.n FOR UPDATE SKIP LOCKED) q""";

    /**
     * Claims messages of the send by {@code rules}: queued ones in order, and submissions whose
     * claim ran out (their dispatcher died mid hand-off; they may have reached the gateway, so they
     * neither expire nor wait for sending hours). Numbers that opted out since the list was
     * compiled are settled as opted_out here, at send time, and not returned; past the deadline,
     * queued messages are settled as expired.
     */
    static Claim claim(Handle h, long sendKey, boolean tests, String organizationId, ClaimRules rules, String worker,
                       Instant now, Instant claimEnd) {
        List<Claimed> claimed = new ArrayList<>();
        List<Expired> expired = new ArrayList<>();
        var query = h.createQuery("""
                WITH expired AS (
                    SELECT id, false AS fresh FROM outbound_messages WHERE :reclaim AND status = 'submitting'
                      AND claimed_until <= :now AND send_key = :key AND is_test = :tests LIMIT :limit FOR UPDATE SKIP LOCKED),
                queued AS (<queued>),
                due AS (
                    SELECT id, fresh FROM (SELECT id, fresh FROM expired UNION ALL SELECT id, fresh FROM queued) d LIMIT :limit),
                judged AS (
                    SELECT m.id, due.fresh, <opted> AS opted, due.fresh AND :late AS late
                    FROM outbound_messages m JOIN due USING (id))
                UPDATE outbound_messages m
                SET status = CASE WHEN j.opted THEN 'opted_out' WHEN j.late THEN 'expired' ELSE 'submitting' END,
                    claimed_by = CASE WHEN j.opted OR j.late THEN NULL ELSE CAST(:worker AS text) END,
                    claimed_until = CASE WHEN j.opted OR j.late THEN NULL ELSE CAST(:claimEnd AS timestamptz) END,
                    finished_at = CASE WHEN j.opted OR j.late THEN CAST(:now AS timestamptz) END,
                    event_sequence = CASE WHEN j.late AND NOT j.opted THEN m.event_sequence + 1 ELSE m.event_sequence END,
                    attempts = m.attempts + 1
                FROM judged j WHERE m.id = j.id
                RETURNING m.id, m.phone, m.sender_id, m.sender, m.status, m.event_sequence, j.fresh, m.first_name,
                          m.last_name, m.address, m.address_line_2, m.city, m.state, m.zip, m.custom, m.custom_tags"""
                .replace("<queued>", rules.perSender() == null ? QUEUED : QUEUED_PER_SENDER)
                .replace("<opted>", OptOuts.HOLDS.formatted("m.phone")))
                .bind("key", sendKey).bind("tests", tests).bind("org", organizationId).bind("limit", rules.limit())
                .bind("worker", worker).bind("now", now).bind("claimEnd", claimEnd).bind("late", rules.late())
                .bind("after", rules.after()).bind("reclaim", rules.reclaim())
                .bindArray("closed", Long.class, (Object[]) java.util.Arrays.stream(rules.closedAreaCodes()).boxed()
                        .toArray(Long[]::new));
        if (rules.perSender() != null) {
            query.bindArray("senderIds", String.class, List.copyOf(rules.perSender().keySet()))
                    .bindArray("allowances", Integer.class, List.copyOf(rules.perSender().values()));
        }
        query.map((rs, ctx) -> {
                    String status = rs.getString("status");
                    if (status.equals("expired")) {
                        expired.add(new Expired(rs.getLong("id"), rs.getLong("phone"), rs.getString("sender"),
                                rs.getInt("event_sequence")));
                    }
                    if (!status.equals("submitting")) return null;
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
                            rs.getString("sender"), values, rs.getBoolean("fresh")));
                    return null;
                })
                .forEach(x -> { });
        claimed.sort(java.util.Comparator.comparingLong(Claimed::id));
        return new Claim(claimed, expired);
    }

    /** The area codes of the send's messages still queued (to see when the next of them may be texted). */
    static List<Integer> queuedAreaCodes(Handle h, long sendKey) {
        return h.createQuery("""
                SELECT DISTINCT CAST((phone / 10000000) % 1000 AS integer) FROM outbound_messages
                WHERE send_key = :key AND status = 'queued' AND NOT is_test""")
                .bind("key", sendKey).mapTo(Integer.class).list();
    }

    /** Whether the send has queued messages (tests aside). */
    static boolean anyQueued(Handle h, long sendKey) {
        return h.createQuery("""
                SELECT EXISTS (SELECT 1 FROM outbound_messages WHERE send_key = :key AND status = 'queued' AND NOT is_test)""")
                .bind("key", sendKey).mapTo(Boolean.class).one();
    }

    /** The send's deadline, starting it anew from {@code now}. */
    static void startDeadline(Handle h, long sendKey, Instant deadline) {
        h.createUpdate("UPDATE sends SET deadline_at = :deadline WHERE send_key = :key")
                .bind("key", sendKey).bind("deadline", deadline).execute();
    }

    static Optional<Instant> deadline(Handle h, long sendKey) {
        return h.createQuery("SELECT deadline_at FROM sends WHERE send_key = :key").bind("key", sendKey)
                .mapTo(Instant.class).findOne();
    }

    /** The brand's segments for the Pacific day, its row locked until the transaction ends. */
    static long lockSegments(Handle h, String brandId, java.time.LocalDate pacificDay) {
        return h.createQuery("""
                INSERT INTO brand_daily_segments (brand_id, pacific_day, segments) VALUES (:brand, :day, 0)
                ON CONFLICT (brand_id, pacific_day) DO UPDATE SET segments = brand_daily_segments.segments
                RETURNING segments""")
                .bind("brand", brandId).bind("day", pacificDay).mapTo(Long.class).one();
    }

    /** Whether the send still has messages (of the send, or its tests) to hand over: queued, or in a hand-off. */
    static boolean unfinished(Handle h, long sendKey, boolean tests) {
        return h.createQuery("""
                SELECT EXISTS (SELECT 1 FROM outbound_messages
                               WHERE send_key = :key AND is_test = :tests AND status IN ('queued', 'submitting'))""")
                .bind("key", sendKey).bind("tests", tests).mapTo(Boolean.class).one();
    }

    /** Whether the message is handed over and its record still to come (a receipt that came early). */
    static boolean awaitingHandOffRecord(Handle h, String providerId, String messageId) {
        Long id = MessageIds.parse(messageId);
        if (id == null) return false;
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM outbound_messages WHERE id = :id AND status = 'submitting')")
                .bind("id", id).mapTo(Boolean.class).one();
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
    static void countSegments(Handle h, String brandId, java.time.LocalDate pacificDay, long segments) {
        if (brandId == null || segments == 0) return; // a correction of a reservation may be negative
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
