-- Claims as rows of their own (package sending).
--
-- A dispatcher's claim used to be written into each message it took ('submitting', claimed_by,
-- claimed_until), and every change of status moved the message between partial indexes: three
-- writes of a message row, each with new entries in every index. Now a claim is one row naming the
-- messages it took, a send keeps a cursor past the messages claimed so far, and a message row is
-- written once more after it is queued: when its hand-off is recorded. No index names a column that
-- changes after a message is queued, and pages keep room for that one new version, so PostgreSQL
-- updates the row in place (a heap-only tuple) without touching any index.

CREATE TABLE send_claims (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    send_key      bigint NOT NULL,
    is_test       boolean NOT NULL,
    message_ids   bigint[] NOT NULL,                 -- the messages claimed, still 'queued' until recorded
    claimed_by    text NOT NULL,
    claimed_until timestamptz NOT NULL,
    attempts      integer NOT NULL DEFAULT 1         -- above 1: taken over; its messages may have reached the gateway
);
CREATE INDEX send_claims_send ON send_claims (send_key, claimed_until);

-- Claims take queued messages after the cursor and move it on, so that no claim steps over the
-- messages others took before it. Queued messages behind it (left by sending hours, a number's rate,
-- a claim that ran out) are looked for only when nothing is ahead, or now and then.
ALTER TABLE sends ADD COLUMN claim_cursor bigint NOT NULL DEFAULT 0;

-- Where receipts find their message: the provider's id, written once when the hand-off is recorded.
CREATE TABLE outbound_provider_ids (
    provider_id text NOT NULL,
    message_id  bigint NOT NULL,
    PRIMARY KEY (provider_id, message_id)
);
INSERT INTO outbound_provider_ids (provider_id, message_id)
SELECT provider_id, id FROM outbound_messages WHERE provider_id IS NOT NULL ON CONFLICT DO NOTHING;

-- Past every message taken so far (queued messages behind it are looked for when nothing is ahead).
UPDATE sends s SET claim_cursor = coalesce((SELECT max(id) FROM outbound_messages m
                                            WHERE m.send_key = s.send_key AND NOT m.is_test AND m.status <> 'queued'), 0);

-- Hand-offs in flight when this version was installed are submitted again (the gateway recognises
-- a message it already took), as a claim that ran out always was.
INSERT INTO send_claims (send_key, is_test, message_ids, claimed_by, claimed_until, attempts)
SELECT send_key, is_test, array_agg(id ORDER BY id), 'upgrade', '-infinity', 2
FROM outbound_messages WHERE status = 'submitting' GROUP BY send_key, is_test;
UPDATE outbound_messages SET status = 'queued', claimed_by = NULL, claimed_until = NULL WHERE status = 'submitting';

DROP INDEX outbound_messages_queued;
DROP INDEX outbound_messages_submitting;
DROP INDEX outbound_messages_provider;
CREATE INDEX outbound_messages_send ON outbound_messages (send_key, id);
CREATE INDEX outbound_messages_tests ON outbound_messages (send_key, id) WHERE is_test;
ALTER TABLE outbound_messages SET (fillfactor = 40);

-- Sends are never deleted, and a message is written only by the compilation of its own send, in
-- the transaction that made the send: the key's check cost a lookup for every message queued.
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_send_key_fkey;
