-- Segments each brand has sent per Pacific day: what T-Mobile's daily cap counts (it resets at
-- midnight Pacific), added to in the transaction that records a batch as sent.
ALTER TABLE sends ADD COLUMN brand_id text;

CREATE TABLE brand_daily_segments (
    brand_id    text NOT NULL,
    pacific_day date NOT NULL,
    segments    bigint NOT NULL,
    PRIMARY KEY (brand_id, pacific_day)
);
