-- Line types of phone numbers (owned by the lookup feature) and the usage ledger (owned by billing).

-- What a provider said about a number, reused for every list of every organization until it is
-- CIVICAST_LOOKUP_CACHE_DAYS old, and only while the same provider is configured. One row per
-- number: a newer answer replaces an older one, so two instances may store the same number at once.
CREATE TABLE lookup_line_types (
    number       text PRIMARY KEY,                 -- E.164
    line_type    text NOT NULL CHECK (line_type IN ('mobile', 'landline', 'voip', 'invalid')),
    carrier      text,
    lrn          text,                             -- location routing number: the ten digits NPAC gives
    ported       boolean,
    provider     text NOT NULL,                    -- offline, telnyx, twilio
    looked_up_at timestamptz NOT NULL
);

-- The offline provider's table, imported whole by an operator (admin lookup import): line type and
-- carrier of North American numbers by prefix of their ten digits. The longest prefix wins: an
-- NPA-NXX (6 digits), a thousands block NPA-NXX-X (7), or one number (10), which alone may carry
-- an LRN and a ported flag.
CREATE TABLE lookup_prefixes (
    prefix    text PRIMARY KEY CHECK (prefix ~ '^[0-9]{6}([0-9]|[0-9]{4})?$'),
    line_type text NOT NULL CHECK (line_type IN ('mobile', 'landline', 'voip', 'invalid')),
    carrier   text,
    ocn       text,                                -- operating company number of the carrier
    lrn       text CHECK (lrn IS NULL OR length(prefix) = 10),
    ported    boolean CHECK (ported IS NULL OR length(prefix) = 10)
);

-- The import that wrote lookup_prefixes: at most one row.
CREATE TABLE lookup_prefix_import (
    single      boolean PRIMARY KEY DEFAULT true CHECK (single),
    source      text NOT NULL,
    row_count   integer NOT NULL,
    imported_at timestamptz NOT NULL
);

-- Billable usage, one row per thing done: a carrier lookup of one number, a message's segments, a
-- 10DLC fee. Written in the transaction of the work it bills, never changed; billing reads it by
-- organization and time. Ids are a sequence: rows are never named to clients, and there are many.
CREATE TABLE usage_records (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations (id),
    category        text NOT NULL CHECK (category IN ('sms', 'mms', 'carrier_lookup', '10dlc')),
    units           integer NOT NULL CHECK (units > 0),
    unit_detail     text,                          -- what one unit was: the number looked up and by whom, the encoding
    reference_type  text,                          -- what the work was for: contact_list, message, campaign
    reference_id    text,
    initiator       text,                          -- the API key that asked for it; null: the operator or the system
    occurred_at     timestamptz NOT NULL,
    CHECK ((reference_type IS NULL) = (reference_id IS NULL))
);
CREATE INDEX usage_records_organization_time ON usage_records (organization_id, occurred_at);
