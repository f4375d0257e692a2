-- Advocacy campaigns, owned by the advocacy feature. A campaign's actions (at most one per kind,
-- each with its targets rule, sample letters and form) are read and written whole with it.
CREATE TABLE advocacy_campaigns (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations (id),
    name            text NOT NULL,
    title           text,
    description     text,
    topic           text,
    status          text NOT NULL CHECK (status IN ('active', 'closed')),
    actions         jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX advocacy_campaigns_organization ON advocacy_campaigns (organization_id);
