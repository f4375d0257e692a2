-- The organization tree and what hangs from it: brands, 10DLC campaigns, phone numbers,
-- tracking domains and toll-free verifications. Owned by the orgs feature.

CREATE TABLE organizations (
    id                 text PRIMARY KEY,
    parent_id          text REFERENCES organizations (id),
    -- Every ancestor id and its own, root first: '/org_a/org_b/'. A subtree is a prefix match,
    -- so scoping a key to its subtree is one indexed comparison. Organizations never move.
    path               text COLLATE "C" NOT NULL UNIQUE,
    display_name       text NOT NULL,
    status             text NOT NULL,
    contact_email      text,
    contact_first_name text,
    contact_last_name  text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX organizations_parent ON organizations (parent_id);

CREATE TABLE brands (
    id                    text PRIMARY KEY,
    organization_id       text NOT NULL REFERENCES organizations (id),
    brand_name            text NOT NULL,
    status                text NOT NULL,
    tcr_brand_id          text UNIQUE,
    entity_type           text,
    ein                   text,
    vertical              text,
    identity_status       text,
    vetting_score         integer,
    campaign_verify_token text,
    notes                 text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX brands_organization ON brands (organization_id);

CREATE TABLE campaigns (
    id                text PRIMARY KEY,
    brand_id          text NOT NULL REFERENCES brands (id),
    name              text NOT NULL,
    use_case          text NOT NULL,
    campaign_status   text NOT NULL,
    tcr_campaign_id   text UNIQUE,
    -- Carrier terms as granted at registration; null means "derive from the brand's vetting score".
    tmobile_daily_cap integer,
    att_sms_tpm       integer,
    att_mms_tpm       integer,
    notes             text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX campaigns_brand ON campaigns (brand_id);

CREATE TABLE toll_free_verifications (
    id                      text PRIMARY KEY,
    organization_id         text NOT NULL REFERENCES organizations (id),
    name                    text NOT NULL,
    status                  text NOT NULL,
    verification_request_id text,
    business_name           text,
    use_case                text,
    rejection_reason        text,
    submitted_at            timestamptz,
    verified_at             timestamptz,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX toll_free_verifications_organization ON toll_free_verifications (organization_id);

CREATE TABLE phone_numbers (
    id                        text PRIMARY KEY,
    organization_id           text NOT NULL REFERENCES organizations (id),
    number                    text NOT NULL UNIQUE,
    channel                   text NOT NULL,
    status                    text NOT NULL,
    campaign_id               text REFERENCES campaigns (id),
    toll_free_verification_id text REFERENCES toll_free_verifications (id),
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL
);
CREATE INDEX phone_numbers_organization ON phone_numbers (organization_id);
CREATE INDEX phone_numbers_campaign ON phone_numbers (campaign_id);
CREATE INDEX phone_numbers_tfv ON phone_numbers (toll_free_verification_id);

-- An ancestor lends one of its numbers to a descendant, under a nickname of its choosing.
CREATE TABLE phone_number_shares (
    phone_number_id text NOT NULL REFERENCES phone_numbers (id) ON DELETE CASCADE,
    organization_id text NOT NULL REFERENCES organizations (id),
    nickname        text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (phone_number_id, organization_id)
);
CREATE INDEX phone_number_shares_organization ON phone_number_shares (organization_id);

CREATE TABLE tracking_domains (
    id                      text PRIMARY KEY,
    organization_id         text NOT NULL REFERENCES organizations (id),
    domain                  text NOT NULL UNIQUE,
    status                  text NOT NULL,
    -- Shared domains are offered to every descendant organization as 'inherited'.
    shared_with_descendants boolean NOT NULL DEFAULT false,
    verified_at             timestamptz,
    notes                   text,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX tracking_domains_organization ON tracking_domains (organization_id);
