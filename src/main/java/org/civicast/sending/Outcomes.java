package org.civicast.sending;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.platform.events.Event;
import org.civicast.platform.events.Events;
import org.jdbi.v3.core.Handle;

/**
 * Records what became of messages — the gateway's answer to a hand-off, a receipt — each with its
 * event in the same transaction. Every change names the state it leaves, so a late or repeated
 * answer (a dispatcher that lost its claim, a receipt heard twice) changes nothing and reports
 * nothing.
 */
final class Outcomes {
    private Outcomes() {}

    /** One message's hand-off as the gateway answered it. */
    record HandedOff(long id, String providerId, String errorCode, String error, String body, int segments,
                     String encoding) {
        boolean accepted() {
            return providerId != null;
        }
    }

    /** What a batch's record changed: messages recorded, those of them sent, and the segments those carry. */
    record Recorded(int changed, int sent, int sentSegments) {
        static final Recorded NOTHING = new Recorded(0, 0, 0);
    }

    /**
     * Where receipts that name only the provider's id find their message: written with the record
     * (a message is recorded once, so its row cannot be there already). Gateways whose receipts
     * name Civicast's id too need none.
     */
    private static final String FOUND = """
            found AS (
                INSERT INTO outbound_provider_ids (provider_id, message_id)
                SELECT provider_id, id FROM recorded WHERE provider_id IS NOT NULL),""";

    /**
     * Stores a batch's answers and ends its claim, each message's event (message.sent or
     * message.failed) written by the same statement. A dispatcher whose claim was taken over (it
     * ran out) records nothing: the one that took it over records the same messages.
     */
    static Recorded handedOff(Handle h, String projectId, String organizationId, String worker, long claim,
                              List<HandedOff> answers, boolean indexProviderIds, Instant now) {
        int ended = h.createUpdate("DELETE FROM send_claims WHERE id = :claim AND claimed_by = :worker")
                .bind("claim", claim).bind("worker", worker).execute();
        if (ended == 0) return Recorded.NOTHING;
        int n = answers.size();
        Long[] ids = new Long[n];
        String[] publicIds = new String[n];
        String[] providers = new String[n];
        String[] codes = new String[n];
        String[] errors = new String[n];
        String[] bodies = new String[n];
        Integer[] segments = new Integer[n];
        String[] encodings = new String[n];
        for (int i = 0; i < n; i++) {
            HandedOff a = answers.get(i);
            ids[i] = a.id();
            publicIds[i] = MessageIds.of(a.id());
            providers[i] = a.providerId();
            codes[i] = a.errorCode();
            errors[i] = a.error();
            bodies[i] = a.body();
            segments[i] = a.segments();
            encodings[i] = a.encoding();
        }
        // No column an index names changes here, and the page kept room for it: the row is
        // rewritten in place, without new index entries (see migration V41). The events are built
        // where the rows are: a million of them built in Java and sent back as arrays of JSON cost
        // more than the change they report.
        return h.createQuery("""
                WITH recorded AS (
                    UPDATE outbound_messages m
                    SET status = CASE WHEN r.provider IS NULL THEN 'failed' ELSE 'sent' END,
                        provider_id = r.provider, error_code = r.code, error = r.error, body = r.body, segments = r.segments,
                        encoding = r.encoding, sent_at = CASE WHEN r.provider IS NULL THEN NULL ELSE CAST(:now AS timestamptz) END,
                        finished_at = CASE WHEN r.provider IS NULL THEN CAST(:now AS timestamptz) END,
                        event_sequence = m.event_sequence + 1
                    FROM unnest(:ids, :publicIds, :providers, :codes, :errors, :bodies, :segments, :encodings)
                         AS r(id, public_id, provider, code, error, body, segments, encoding)
                    WHERE m.id = r.id AND m.status = 'queued'
                    RETURNING r.public_id, m.status, m.phone, m.sender, m.event_sequence, m.segments, m.error_code, m.error,
                              m.is_test, m.provider_id, m.id),
                <found>
                reported AS (<events>)
                SELECT count(*) AS changed, count(*) FILTER (WHERE status = 'sent') AS sent,
                       coalesce(sum(segments) FILTER (WHERE status = 'sent'), 0) AS sent_segments
                FROM recorded""".replace("<found>", indexProviderIds ? FOUND : "").replace("<events>", Events.appendFrom("""
                        SELECT CASE WHEN status = 'sent' THEN 'message.sent' ELSE 'message.failed' END AS event_type,
                               CAST(:org AS text) AS organization_id, public_id AS subject_id, CAST(event_sequence AS integer) AS sequence,
                               jsonb_build_object('message_id', public_id, 'project_id', CAST(:project AS text), 'from', sender,
                                                  'to', '+' || phone, 'status', status, 'is_test', is_test, 'segments', segments)
                               || CASE WHEN status = 'sent' THEN jsonb_build_object('sent_at', CAST(:nowText AS text))
                                       ELSE jsonb_build_object('error_code', error_code, 'error', error,
                                                               'failed_at', CAST(:nowText AS text)) END AS data,
                               CAST(:now AS timestamptz) AS created_at
                        FROM recorded""")))
                .bindArray("ids", Long.class, (Object[]) ids).bindArray("publicIds", String.class, (Object[]) publicIds)
                .bindArray("providers", String.class, (Object[]) providers)
                .bindArray("codes", String.class, (Object[]) codes).bindArray("errors", String.class, (Object[]) errors)
                .bindArray("bodies", String.class, (Object[]) bodies).bindArray("segments", Integer.class, (Object[]) segments)
                .bindArray("encodings", String.class, (Object[]) encodings)
                .bind("now", now).bind("nowText", now.toString()).bind("org", organizationId).bind("project", projectId)
                .map((rs, ctx) -> new Recorded(rs.getInt("changed"), rs.getInt("sent"), rs.getInt("sent_segments")))
                .one();
    }

    /**
     * Stores a receipt; returns its event, or null when it changed nothing (unknown, or heard
     * before). A receipt that names the message by Civicast's id finds it by that id (and the
     * provider's id must match); one naming only the provider's id finds it through the provider's
     * ids written with the record.
     */
    static Event receipt(Handle h, String providerId, String messageId, boolean delivered, String errorCode, Instant at) {
        Long id = MessageIds.parse(messageId);
        String which = id != null
                ? "FROM sends s WHERE m.id = :id AND m.provider_id = :provider AND m.status = 'sent' AND s.send_key = m.send_key"
                : """
                  FROM outbound_provider_ids p, sends s
                  WHERE p.provider_id = :provider AND m.id = p.message_id AND m.status = 'sent' AND s.send_key = m.send_key""";
        return h.createQuery("""
                UPDATE outbound_messages m
                SET status = :status, error_code = :code, finished_at = :at, event_sequence = m.event_sequence + 1
                <which>
                RETURNING m.id, s.project_id, s.organization_id, m.sender, m.phone, m.event_sequence, m.is_test""".replace("<which>", which))
                .bind("status", delivered ? "delivered" : "undeliverable").bind("code", errorCode)
                .bind("at", at).bind("provider", providerId).bind("id", id)
                .map((rs, ctx) -> {
                    Map<String, Object> data = message(rs.getLong("id"), rs.getString("project_id"), rs.getString("sender"),
                            rs.getLong("phone"), delivered ? "delivered" : "undeliverable", rs.getBoolean("is_test"));
                    if (delivered) data.put("delivered_at", at.toString());
                    else data.put("error_code", errorCode);
                    return new Event(delivered ? "message.delivered" : "message.failed", rs.getString("organization_id"),
                            MessageIds.of(rs.getLong("id")), rs.getInt("event_sequence"), data);
                })
                .findOne().orElse(null);
    }

    /** The events of messages that expired before they could go out: each a message.failed, with nothing billed. */
    static List<Event> expired(String projectId, String organizationId, List<SendStore.Expired> expired, Instant now) {
        List<Event> events = new ArrayList<>(expired.size());
        for (SendStore.Expired m : expired) {
            Map<String, Object> data = message(m.id(), projectId, m.sender(), m.phone(), "expired", false);
            data.put("segments", 0);
            data.put("error_code", "expired");
            data.put("error", "not sent before the send's deadline");
            data.put("failed_at", now.toString());
            events.add(new Event("message.failed", organizationId, MessageIds.of(m.id()), m.sequence(), data));
        }
        return events;
    }

    private static Map<String, Object> message(long id, String projectId, String from, long to, String status, boolean test) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", MessageIds.of(id));
        data.put("project_id", projectId);
        data.put("from", from);
        data.put("to", "+" + to);
        data.put("status", status);
        data.put("is_test", test);
        return data;
    }
}
