-- Auth Tokens: the credentials of the advocacy API (/v3), HTTP Basic with the account id (an
-- organization id) as user and the token as password. Owned by the keys feature; only a SHA-256
-- of each token is kept.
CREATE TABLE auth_tokens (
    id                text PRIMARY KEY,
    organization_id   text NOT NULL,
    -- Copied from the organization (organizations never move): authenticating is one lookup here.
    organization_path text COLLATE "C" NOT NULL,
    name              text NOT NULL,
    display_prefix    text NOT NULL,
    secret_hash       text NOT NULL UNIQUE,
    created_by        text,
    created_at        timestamptz NOT NULL,
    revoked_at        timestamptz
);
CREATE INDEX auth_tokens_organization_path ON auth_tokens (organization_path);
