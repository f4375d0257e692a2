-- Supporters' actions on advocacy campaigns, owned by the advocacy feature. A submission keeps
-- what the supporter sent (pending while an office still needs something from them); each target
-- office gets one delivery, sent by a background job.
CREATE TABLE advocacy_submissions (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations (id),
    campaign_id     text NOT NULL REFERENCES advocacy_campaigns (id) ON DELETE CASCADE,
    action_type     text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'complete')),
    email           text NOT NULL,
    fields          jsonb NOT NULL,
    supporter_id    text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX advocacy_submissions_repeat ON advocacy_submissions (campaign_id, action_type, lower(email), created_at);

CREATE TABLE advocacy_deliveries (
    id            text PRIMARY KEY,
    submission_id text NOT NULL REFERENCES advocacy_submissions (id) ON DELETE CASCADE,
    bioguide      text,
    office_code   text,
    chamber       text NOT NULL,
    target_name   text NOT NULL,
    target_email  text,
    status        text NOT NULL CHECK (status IN ('queued', 'delivered', 'failed', 'undeliverable_no_route')),
    channel       text,
    receipt       text,
    reason        text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX advocacy_deliveries_submission ON advocacy_deliveries (submission_id);

-- A campaign's topic as each office's contact form names it, chosen once by a supporter and kept,
-- so later supporters are asked only where no choice exists yet.
CREATE TABLE advocacy_topic_choices (
    campaign_id text NOT NULL REFERENCES advocacy_campaigns (id) ON DELETE CASCADE,
    bioguide    text NOT NULL,
    value       text NOT NULL,
    PRIMARY KEY (campaign_id, bioguide)
);
