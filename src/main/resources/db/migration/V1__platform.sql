-- Platform tables: rate-limit windows and idempotent responses.

CREATE TABLE rate_limit_windows (
    subject      text PRIMARY KEY,           -- 'key:<key id>' or 'ip:<address>'
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL,
    total_hits   bigint NOT NULL,
    last_hit_at  timestamptz NOT NULL
);

CREATE TABLE idempotent_requests (
    api_key_id      text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash    text NOT NULL,           -- method, path and body: a different request under the same key is a conflict
    status          integer NOT NULL,
    response_body   bytea NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX idempotent_requests_expiry ON idempotent_requests (expires_at);
