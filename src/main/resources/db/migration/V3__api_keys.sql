-- API keys. Owned by the keys feature. The secret itself is never stored, only its SHA-256.

CREATE TABLE api_keys (
    id                  text PRIMARY KEY,
    organization_id     text NOT NULL,
    -- Copied from the organization at creation (organizations never move) so authenticating
    -- a request is one indexed lookup in this table alone.
    organization_path   text COLLATE "C" NOT NULL,
    name                text NOT NULL,
    display_prefix      text NOT NULL,
    secret_hash         text NOT NULL UNIQUE,
    scopes              text[] NOT NULL,
    rate_limit_per_hour integer,
    created_by_key_id   text,
    created_at          timestamptz NOT NULL,
    revoked_at          timestamptz
);
CREATE INDEX api_keys_organization_path ON api_keys (organization_path);
