-- The sending engine's state (package sending): one row per send of a project, one row per message.
-- Everything a crash must not lose or repeat lives here: a message is queued once per recipient
-- (the unique index), claimed by one dispatcher at a time (claimed_by / claimed_until, with SKIP
-- LOCKED), and moves queued → submitting → sent → delivered | undeliverable, or failed, opted_out,
-- expired. A message found 'submitting' after its claim ran out is submitted again; the gateway
-- recognises a message it already took by its id.

CREATE TABLE sends (
    send_key        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id      text NOT NULL UNIQUE,
    organization_id text NOT NULL,
    compiled_at     timestamptz,                      -- the audience was written as messages
    recipients      integer,
    completed_at    timestamptz,
    created_at      timestamptz NOT NULL
);

CREATE TABLE outbound_messages (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    send_key       bigint NOT NULL REFERENCES sends (send_key) ON DELETE CASCADE,
    phone          bigint NOT NULL,                   -- E.164 digits of the recipient
    is_test        boolean NOT NULL DEFAULT false,
    sender_id      text NOT NULL,                     -- the phone number it goes from (sticky per recipient)
    sender         text NOT NULL,                     -- that number, E.164
    first_name     text, last_name text, address text, address_line_2 text, city text, state text, zip text,
    custom         text[], custom_tags text[],        -- merge values, as the contact list had them
    status         text NOT NULL CHECK (status IN ('queued', 'submitting', 'sent', 'delivered', 'undeliverable',
                                                   'failed', 'opted_out', 'expired')),
    claimed_by     text,
    claimed_until  timestamptz,
    attempts       smallint NOT NULL DEFAULT 0,
    body           text,                              -- the text as sent
    segments       smallint,
    encoding       text,
    provider_id    text,
    error_code     text,
    error          text,
    event_sequence smallint NOT NULL DEFAULT 0,       -- the last event reported of this message
    queued_at      timestamptz NOT NULL,
    sent_at        timestamptz,
    finished_at    timestamptz
);
-- Each recipient once per send (tests aside: a test may go to the same phone again).
CREATE UNIQUE INDEX outbound_messages_recipient ON outbound_messages (send_key, phone) WHERE NOT is_test;
-- What dispatchers claim: queued messages in order, and submissions whose claim ran out.
CREATE INDEX outbound_messages_queued ON outbound_messages (send_key, id) WHERE status = 'queued';
CREATE INDEX outbound_messages_submitting ON outbound_messages (claimed_until) WHERE status = 'submitting';
-- Where receipts find their message.
CREATE INDEX outbound_messages_provider ON outbound_messages (provider_id) WHERE provider_id IS NOT NULL;
