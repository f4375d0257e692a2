-- Short links (links/ShortLinks): one per recipient of a project's send, and one per number a
-- project's test went to, served at https://<tracking domain>/<code>. Written in bulk by the
-- sending engine (COPY into a staging table, then one INSERT) in its own transaction.
--
-- No foreign keys, as with events: a link outlives its tracking domain (a deleted or inactive
-- domain serves nothing, and the counts stay), and its project and organization are guarded by
-- the projects feature; a key on organization_id would make every organization deletion scan
-- this table, which holds a row per recipient ever sent a link.
CREATE TABLE short_links (
    code               text PRIMARY KEY,            -- 8 base62 characters from SecureRandom (ShortLinkCodes)
    tracking_domain_id text NOT NULL,               -- the only domain the code is served on
    organization_id    text NOT NULL,               -- the project's
    project_id         text NOT NULL,
    phone              bigint NOT NULL,             -- the recipient: E.164 digits, as contacts store them
    test               boolean NOT NULL,            -- made for a test send: counted apart from the send
    message_id         text,                        -- the message that carried it, once the engine knows
    destination        text NOT NULL,               -- where a click goes (LinkDestination)
    created_at         timestamptz NOT NULL,
    clicks             integer NOT NULL DEFAULT 0,  -- counted clicks: not HEAD, not preview bots
    first_clicked_at   timestamptz,                 -- set by the first counted click: the link's unique click
    last_clicked_at    timestamptz,
    CONSTRAINT short_links_recipient UNIQUE (project_id, test, phone)
);
-- Click counts of a project read only the links that were clicked.
CREATE INDEX short_links_clicked ON short_links (project_id, test) WHERE first_clicked_at IS NOT NULL;
