-- Broadcast projects, owned by the projects feature: one composed send — its message, sending
-- numbers, lists and settings — and where it is in its life (see docs/projects.md for the state
-- machine, enforced by ProjectTransitions). Lists, numbers and media are other features' ids,
-- held in order in arrays; those features ask this one (ContactListUsers, MediaUsers) before
-- deleting anything a project names.
CREATE TABLE projects (
    id                            text PRIMARY KEY,             -- proj_<ULID>
    organization_id               text NOT NULL REFERENCES organizations (id),
    type                          text NOT NULL DEFAULT 'broadcast' CHECK (type IN ('broadcast', 'survey')),
    channel                       text NOT NULL CHECK (channel IN ('10dlc', 'toll-free')),
    brand_id                      text REFERENCES brands (id),
    campaign_id                   text REFERENCES campaigns (id),
    toll_free_verification_id     text,
    name                          text NOT NULL,
    status                        text NOT NULL CHECK (status IN
                                      ('draft', 'awaiting_test', 'scheduled', 'sending', 'paused', 'completed')),
    protocol                      text NOT NULL CHECK (protocol IN ('sms', 'mms')),
    message_text                  text NOT NULL,
    phone_number_ids              text[] NOT NULL,
    contact_list_ids              text[] NOT NULL DEFAULT '{}',
    suppression_list_ids          text[] NOT NULL DEFAULT '{}',
    media_ids                     text[] NOT NULL DEFAULT '{}',
    link_tracking_enabled         boolean NOT NULL DEFAULT false,
    link_tracking_destination_url text,
    link_tracking_domain_id       text,
    link_tracking_param_field     text,
    link_tracking_fallback_url    text,
    opt_out_footer_enabled        boolean NOT NULL DEFAULT true,
    smart_encoding                boolean NOT NULL DEFAULT true,
    scheduled_at                  timestamptz,
    scheduled_timezone            text,
    daily_cap_bypass              boolean NOT NULL DEFAULT false,
    pause_reason                  text,
    auto_paused                   boolean NOT NULL DEFAULT false,
    tested_at                     timestamptz,                  -- the last test of the message as it stands; cleared by an edit of it
    sending_started_at            timestamptz,                  -- first start of sending; a resume goes back to sending after it
    unscheduled_at                timestamptz,
    completed_at                  timestamptz,
    created_via_api               boolean NOT NULL,
    created_at                    timestamptz NOT NULL,
    updated_at                    timestamptz NOT NULL,
    CHECK ((channel = '10dlc') = (campaign_id IS NOT NULL AND brand_id IS NOT NULL)),
    CHECK ((channel = 'toll-free') = (toll_free_verification_id IS NOT NULL)),
    CHECK (cardinality(phone_number_ids) BETWEEN 1 AND 49),
    CHECK ((status = 'paused') = (pause_reason IS NOT NULL)),
    CHECK ((status IN ('scheduled', 'sending', 'paused', 'completed')) = (scheduled_at IS NOT NULL))
);

CREATE INDEX projects_organization ON projects (organization_id, id);
CREATE INDEX projects_campaign ON projects (campaign_id) WHERE campaign_id IS NOT NULL;
-- "Which projects use this list / file?": asked before a list or media file is deleted.
CREATE INDEX projects_lists ON projects USING gin ((contact_list_ids || suppression_list_ids));
CREATE INDEX projects_media ON projects USING gin (media_ids);
