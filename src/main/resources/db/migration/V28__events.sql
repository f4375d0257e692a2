-- Durable events (platform/events): every change a webhook will report, written in the transaction
-- of the change itself, so an event exists exactly when its change committed. Webhook delivery reads
-- them in id order; event_id is what receivers see and deduplicate on.
CREATE TABLE events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        text NOT NULL UNIQUE,            -- evt_<ULID>, stable across redeliveries
    event_type      text NOT NULL,                   -- message.sent, message.delivered, message.failed, link.clicked, …
    organization_id text NOT NULL,
    subject_id      text,                            -- the message (or other thing) the event is about
    sequence        integer,                         -- 1, 2, … per subject: the order of its events
    data            jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (subject_id, sequence)
);
CREATE INDEX events_organization ON events (organization_id, id);
