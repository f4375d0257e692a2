-- A campaign's version, raised by every change: an instance that keeps a campaign in memory checks
-- it against the version read with its own rows, so a change made through any instance is seen at once.
ALTER TABLE advocacy_campaigns ADD COLUMN version bigint NOT NULL DEFAULT 1;
