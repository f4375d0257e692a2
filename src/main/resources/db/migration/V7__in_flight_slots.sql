-- Requests in flight per account, for surfaces that limit simultaneous requests: a request holds
-- one numbered slot of its account while it runs (see platform/ratelimit/InFlightLimit).
CREATE TABLE in_flight_slots (
    subject    text NOT NULL,
    slot       integer NOT NULL,
    holder     text,
    expires_at timestamptz,
    PRIMARY KEY (subject, slot)
);
