-- Contact lists, owned by the contacts feature: lists imported from CSV files, their contacts,
-- the rows an import did not take, and each organization's opt-outs.

CREATE TABLE contact_lists (
    id                      text PRIMARY KEY,             -- cl_<ULID>, the public id
    list_key                bigint GENERATED ALWAYS AS IDENTITY UNIQUE, -- compact key the contacts carry
    organization_id         text NOT NULL REFERENCES organizations (id),
    brand_id                text,
    name                    text NOT NULL,
    source                  text NOT NULL,                -- the file's URL without its query (which may sign it)
    phone_column            text NOT NULL,
    merge_tags              jsonb NOT NULL,               -- {"first_name": "First", …, "custom_fields": [{csv_column, merge_tag}]}
    custom_tags             text[] NOT NULL DEFAULT '{}', -- merge tag of each contacts.custom element, in order
    imported_via_api        boolean NOT NULL,
    status                  text NOT NULL CHECK (status IN ('uploading', 'processing', 'ready', 'failed')),
    progress                integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    failure_reason          text,
    total_rows              integer,
    total_contacts          integer,
    clean_contacts          integer,
    duplicate_count         integer,
    bad_number_count        integer,
    opted_out_count         integer,
    processing_started_at   timestamptz,
    processing_completed_at timestamptz,
    analysis_status         text NOT NULL DEFAULT 'not_started'
                            CHECK (analysis_status IN ('not_started', 'processing', 'complete', 'failed')),
    analysis_failure        text,
    analyzed_numbers        integer NOT NULL DEFAULT 0,   -- counters, moved batch by batch with the contacts
    analyzed_mobile         integer NOT NULL DEFAULT 0,
    analyzed_landline       integer NOT NULL DEFAULT 0,
    analyzed_voip           integer NOT NULL DEFAULT 0,
    analyzed_invalid        integer NOT NULL DEFAULT 0,
    analysis_started_at     timestamptz,
    analysis_completed_at   timestamptz,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX contact_lists_organization ON contact_lists (organization_id);

-- One row per distinct number of a list. phone is the E.164 number's digits (no '+'): eight bytes
-- instead of a string, for lists of millions.
CREATE TABLE contacts (
    list_key       bigint NOT NULL REFERENCES contact_lists (list_key) ON DELETE CASCADE,
    phone          bigint NOT NULL,
    line_no        integer NOT NULL,                      -- the file line it came from
    first_name     text,
    last_name      text,
    address        text,
    address_line_2 text,
    city           text,
    state          text,
    zip            text,
    custom         text[],                                -- values in the order of contact_lists.custom_tags
    line_type      text CHECK (line_type IN ('mobile', 'landline', 'voip', 'invalid')),
    carrier        text,
    lrn            text,
    ported         boolean,
    looked_up_at   timestamptz,
    PRIMARY KEY (list_key, phone)
);

-- Every data row an import did not take, with its line and why.
CREATE TABLE contact_rejects (
    list_key  bigint NOT NULL REFERENCES contact_lists (list_key) ON DELETE CASCADE,
    line_no   integer NOT NULL,
    reason    text NOT NULL CHECK (reason IN ('bad_number', 'duplicate', 'opted_out')),
    detail    text NOT NULL,
    phone_raw text,
    PRIMARY KEY (list_key, line_no)
);

-- Numbers that asked an organization to stop texting them. Imports leave them out; sending checks
-- them again at send time.
CREATE TABLE opt_outs (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    phone           bigint NOT NULL,
    source          text NOT NULL,                        -- 'stop_reply', 'api', 'import', …
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (organization_id, phone)
);
