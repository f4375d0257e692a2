package org.civicast.sending;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * What a claim may take: at most {@code limit} messages; none to a recipient in an area code
     * now outside its sending hours ({@code closedAreaCodes}); from each sender at most its
     * allowance ({@code perSender}, null: no per-number limit). {@code late}: the send's deadline
     * has passed, so queued messages expire instead of going out. A claim takes queued messages
     * after the send's cursor; with {@code pass} it also takes over a claim that ran out, and looks
     * behind the cursor for messages left there (by sending hours, a number's rate, a claim whose
     * messages were refused for the moment) — passes over a send's whole history are made when
     * nothing is ahead and now and then, not for every batch.
     */
    record ClaimRules(int limit, long[] closedAreaCodes, boolean late, Map<String, Integer> perSender, boolean pass) {
        static ClaimRules unlimited(int limit) {
            return new ClaimRules(limit, new long[0], false, null, true);
        }
    }

    /**
     * A claim's outcome: the messages to hand over under the claim {@code id} (0: none), and those
     * it settled as expired.
     */
    record Claim(long id, List<Claimed> messages, List<Expired> expired) {
        boolean isEmpty() {
            return messages.isEmpty() && expired.isEmpty();
        }

        static final Claim NONE = new Claim(0, List.of(), List.of());

        /** Another dispatcher of the send is taking a claim right now. */
        static final Claim BUSY = new Claim(-1, List.of(), List.of());

        boolean busy() {
            return id == -1;
        }
    }

    /** A message that expired at its claim. */
    record Expired(long id, long phone, String sender, int sequence) {}

    /** Queued messages after the cursor, in order. */
    private static final String AHEAD = """
            SELECT id FROM outbound_messages
            WHERE send_key = :key AND <test> AND status = 'queued' AND id > :cursor
              AND NOT ((phone / 10000000) % 1000 = ANY(:closed))
            ORDER BY id LIMIT :limit""";

    /** The same, each sender up to its allowance. */
    private static final String AHEAD_PER_SENDER = """
            SELECT q.id FROM unnest(:senderIds, :allowances) AS a(sender_id, n),
            LATERAL (SELECT id FROM outbound_messages
                     WHERE send_key = :key AND <test> AND status = 'queued' AND sender_id = a.sender_id
                       AND id > :cursor AND NOT ((phone / 10000000) % 1000 = ANY(:closed))
                     ORDER BY id LIMIT a.n) q""";

    /** Queued messages behind the cursor that no open claim holds. */
    private static final String BEHIND = """
            SELECT id FROM outbound_messages
            WHERE send_key = :key AND <test> AND status = 'queued' AND id <= :cursor
              AND NOT ((phone / 10000000) % 1000 = ANY(:closed))
              AND id NOT IN (SELECT unnest(message_ids) FROM send_claims WHERE send_key = :key AND is_test = :tests)
            ORDER BY id LIMIT :limit""";

    private static final String BEHIND_PER_SENDER = """
            SELECT q.id FROM unnest(:senderIds, :allowances) AS a(sender_id, n),
            LATERAL (SELECT id FROM outbound_messages
                     WHERE send_key = :key AND <test> AND status = 'queued' AND sender_id = a.sender_id
                       AND id <= :cursor AND NOT ((phone / 10000000) % 1000 = ANY(:closed))
                       AND id NOT IN (SELECT unnest(message_ids) FROM send_claims WHERE send_key = :key AND is_test = :tests)
                     ORDER BY id LIMIT a.n) q""";

    /**
     * Reads the messages {@code picked} selects and settles those that may not go: numbers that
     * opted out since the list was compiled (opted_out, at send time), and with {@code :late} fresh
     * messages past the deadline (expired). The others are returned to be claimed.
     */
    private static final String JUDGE = """
            WITH judged AS (
                SELECT m.id, m.phone, m.sender_id, m.sender, m.first_name, m.last_name, m.address, m.address_line_2,
                       m.city, m.state, m.zip, m.custom, m.custom_tags, <opted> AS opted
                FROM outbound_messages m
                WHERE m.id = ANY (ARRAY(<picked>)) AND m.status = 'queued'),
            settled AS (
                UPDATE outbound_messages m
                SET status = CASE WHEN m.id = ANY (ARRAY(SELECT id FROM judged WHERE opted)) THEN 'opted_out' ELSE 'expired' END,
                    finished_at = :now,
                    event_sequence = CASE WHEN m.id = ANY (ARRAY(SELECT id FROM judged WHERE opted)) THEN m.event_sequence
                                          ELSE m.event_sequence + 1 END
                WHERE m.id = ANY (ARRAY(SELECT id FROM judged WHERE opted OR :late))
                RETURNING m.id, m.status, m.event_sequence)
            SELECT j.*, s.status AS settled, s.event_sequence FROM judged j LEFT JOIN settled s USING (id)""";

    /**
     * Claims messages of the send by {@code rules}, in the claim transaction: queued messages after
     * the send's cursor (which this moves on); on a pass, first a claim whose dispatcher let it run
     * out (it died mid hand-off: its messages may have reached the gateway, so they neither expire
     * nor wait for sending hours), then queued messages left behind the cursor. The claim is one
     * row naming its messages; the messages themselves stay queued until their hand-off is
     * recorded. The send's row is locked, so that claims of one send are taken one at a time;
     * {@link Claim#BUSY} when another dispatcher holds it.
     */
    static Claim claim(Handle h, long sendKey, boolean tests, String organizationId, ClaimRules rules, String worker,
                       Instant now, Instant claimEnd) {
        // A dispatcher that finds another claiming does not wait on the row (holding a connection
        // of the pool): it comes back in a moment.
        var locked = h.createQuery("""
                SELECT claim_cursor, completed_at IS NOT NULL AS finished FROM sends WHERE send_key = :key
                FOR UPDATE SKIP LOCKED""")
                .bind("key", sendKey).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBoolean(2))).findOne();
        if (locked.isEmpty()) return Claim.BUSY;
        var send = locked.get();
        long cursor = send.getKey();
        if (send.getValue() && !tests) return Claim.NONE; // found finished by another dispatcher: nothing to look for
        if (rules.pass()) {
            Claim takenOver = takeOver(h, sendKey, tests, organizationId, worker, now, claimEnd);
            if (takenOver != null) return takenOver;
        }
        boolean ahead = !tests;
        Claim claim = claimQueued(h, sendKey, tests, organizationId, rules, ahead ? cursor : Long.MAX_VALUE, ahead,
                worker, now, claimEnd);
        if (ahead && claim.isEmpty() && rules.pass() && cursor > 0) {
            claim = claimQueued(h, sendKey, false, organizationId, rules, cursor, false, worker, now, claimEnd);
        }
        return claim;
    }

    private static Claim claimQueued(Handle h, long sendKey, boolean tests, String organizationId, ClaimRules rules,
                                     long cursor, boolean ahead, String worker, Instant now, Instant claimEnd) {
        String picked = rules.perSender() == null ? (ahead ? AHEAD : BEHIND) : (ahead ? AHEAD_PER_SENDER : BEHIND_PER_SENDER);
        var query = h.createQuery(JUDGE.replace("<picked>", picked.replace("<test>", tests ? "is_test" : "NOT is_test"))
                        .replace("<opted>", OptOuts.HOLDS.formatted("m.phone")))
                .bind("key", sendKey).bind("tests", tests).bind("org", organizationId).bind("limit", rules.limit())
                .bind("cursor", cursor).bind("now", now).bind("late", rules.late())
                .bindArray("closed", Long.class, (Object[]) java.util.Arrays.stream(rules.closedAreaCodes()).boxed()
                        .toArray(Long[]::new));
        if (rules.perSender() != null) {
            query.bindArray("senderIds", String.class, List.copyOf(rules.perSender().keySet()))
                    .bindArray("allowances", Integer.class, List.copyOf(rules.perSender().values()));
        }
        List<Claimed> claimed = new ArrayList<>();
        List<Expired> expired = new ArrayList<>();
        long[] last = {cursor};
        query.map((rs, ctx) -> {
            long id = rs.getLong("id");
            last[0] = ahead ? Math.max(last[0], id) : last[0];
            String settled = rs.getString("settled");
            if ("expired".equals(settled)) {
                expired.add(new Expired(id, rs.getLong("phone"), rs.getString("sender"), rs.getInt("event_sequence")));
            } else if (settled == null) {
                claimed.add(claimed(rs, true));
            }
            return null;
        }).forEach(x -> { });
        if (ahead && last[0] != cursor) {
            h.createUpdate("UPDATE sends SET claim_cursor = :cursor WHERE send_key = :key")
                    .bind("cursor", last[0]).bind("key", sendKey).execute();
        }
        if (claimed.isEmpty()) return new Claim(0, List.of(), expired);
        claimed.sort(java.util.Comparator.comparingLong(Claimed::id));
        long id = h.createQuery("""
                INSERT INTO send_claims (send_key, is_test, message_ids, claimed_by, claimed_until)
                VALUES (:key, :tests, :ids, :worker, :until) RETURNING id""")
                .bind("key", sendKey).bind("tests", tests)
                .bindArray("ids", Long.class, claimed.stream().map(Claimed::id).toList())
                .bind("worker", worker).bind("until", claimEnd).mapTo(Long.class).one();
        return new Claim(id, claimed, expired);
    }

    /** Takes over a claim of the send that ran out, with its messages still queued; null when there is none. */
    private static Claim takeOver(Handle h, long sendKey, boolean tests, String organizationId, String worker, Instant now,
                                  Instant claimEnd) {
        while (true) {
            var found = h.createQuery("""
                    UPDATE send_claims SET claimed_by = :worker, claimed_until = :until, attempts = attempts + 1
                    WHERE id = (SELECT id FROM send_claims WHERE send_key = :key AND is_test = :tests AND claimed_until <= :now
                                ORDER BY claimed_until LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, message_ids""")
                    .bind("worker", worker).bind("until", claimEnd).bind("key", sendKey).bind("tests", tests).bind("now", now)
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), (Long[]) rs.getArray("message_ids").getArray()))
                    .findOne();
            if (found.isEmpty()) return null;
            long id = found.get().getKey();
            List<Claimed> claimed = new ArrayList<>();
            h.createQuery(JUDGE.replace("<picked>", "SELECT unnest(:ids) AS id")
                            .replace("<opted>", OptOuts.HOLDS.formatted("m.phone")))
                    .bindArray("ids", Long.class, (Object[]) found.get().getValue())
                    .bind("org", organizationId).bind("now", now).bind("late", false)
                    .map((rs, ctx) -> rs.getString("settled") == null ? claimed.add(claimed(rs, false)) : null)
                    .forEach(x -> { });
            if (!claimed.isEmpty()) {
                claimed.sort(java.util.Comparator.comparingLong(Claimed::id));
                return new Claim(id, claimed, List.of());
            }
            // Nothing of it is left to hand over (each opted out meanwhile): the claim ends here.
            h.createUpdate("DELETE FROM send_claims WHERE id = :id").bind("id", id).execute();
        }
    }

    private static final List<String> CONTACT_TAGS = List.of("first_name", "last_name", "address", "address_line_2",
            "city", "state", "zip");

    private static Claimed claimed(java.sql.ResultSet rs, boolean fresh) throws java.sql.SQLException {
        Map<String, String> values = new HashMap<>();
        for (String tag : CONTACT_TAGS) {
            String value = rs.getString(tag);
            if (value != null) values.put(tag, value);
        }
        java.sql.Array tags = rs.getArray("custom_tags");
        java.sql.Array custom = rs.getArray("custom");
        if (tags != null && custom != null) {
            String[] t = (String[]) tags.getArray();
            String[] v = (String[]) custom.getArray();
            for (int i = 0; i < t.length && i < v.length; i++) if (v[i] != null) values.put(t[i], v[i]);
        }
        values.put("phone", "+" + rs.getLong("phone"));
        return new Claimed(rs.getLong("id"), rs.getLong("phone"), rs.getString("sender_id"), rs.getString("sender"),
                values, fresh);
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

    /** Whether a claim of the send (or of its tests) is open: a hand-off in flight, or one that ran out. */
    static boolean openClaims(Handle h, long sendKey, boolean tests) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM send_claims WHERE send_key = :key AND is_test = :tests)")
                .bind("key", sendKey).bind("tests", tests).mapTo(Boolean.class).one();
    }

    /** Whether the send's test messages still have some to hand over: queued, or in a hand-off. */
    static boolean testsUnfinished(Handle h, long sendKey) {
        return openClaims(h, sendKey, true) || h.createQuery("""
                SELECT EXISTS (SELECT 1 FROM outbound_messages WHERE send_key = :key AND is_test AND status = 'queued')""")
                .bind("key", sendKey).mapTo(Boolean.class).one();
    }

    /** The send of a project that was started (it has a deadline) and whose audience is not all written yet. */
    static Optional<Long> startedUncompiled(Handle h, String projectId) {
        return h.createQuery("""
                SELECT send_key FROM sends WHERE project_id = :project AND deadline_at IS NOT NULL AND compiled_at IS NULL""")
                .bind("project", projectId).mapTo(Long.class).findOne();
    }

    /** Whether the send's audience is all written as messages. */
    static boolean compiled(Handle h, long sendKey) {
        return h.createQuery("SELECT compiled_at IS NOT NULL FROM sends WHERE send_key = :key")
                .bind("key", sendKey).mapTo(Boolean.class).one();
    }

    /** Whether the send was found finished (every message handled), so that no one looks again. */
    static boolean finished(Handle h, long sendKey) {
        return h.createQuery("SELECT completed_at IS NOT NULL FROM sends WHERE send_key = :key")
                .bind("key", sendKey).mapTo(Boolean.class).one();
    }

    /**
     * The status of the message the gateway names by our id, if it is ours: 'queued' for a message
     * handed over whose record is still to come (a receipt that came early).
     */
    static Optional<String> status(Handle h, String messageId) {
        Long id = MessageIds.parse(messageId);
        if (id == null) return Optional.empty();
        return h.createQuery("SELECT status FROM outbound_messages WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne();
    }

    /** The status of the message recorded as handed over under the provider's id, if any is. */
    static Optional<String> statusByProvider(Handle h, String providerId) {
        return h.createQuery("""
                SELECT m.status FROM outbound_provider_ids p JOIN outbound_messages m ON m.id = p.message_id
                WHERE p.provider_id = :provider LIMIT 1""")
                .bind("provider", providerId).mapTo(String.class).findOne();
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
