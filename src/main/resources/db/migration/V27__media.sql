-- Media files imported for MMS (and email assets), owned by the media feature. A row is created
-- 'optimizing' when a client names a source URL; a background job fetches, checks and fits the
-- file, stores it with ObjectStorage and makes it 'ready' or 'failed'. The stored bytes are
-- served without authentication at /media/<public_token>/<file_name>, so carriers can fetch them.
CREATE TABLE media_files (
    id                       text PRIMARY KEY,                 -- med_<ULID>
    organization_id          text NOT NULL REFERENCES organizations (id),
    -- A deleted brand leaves its files with their organization.
    brand_id                 text REFERENCES brands (id) ON DELETE SET NULL,
    name                     text NOT NULL,
    usage                    text NOT NULL CHECK (usage IN ('mms', 'email_asset')),
    source_url               text NOT NULL,
    status                   text NOT NULL CHECK (status IN ('optimizing', 'ready', 'failed')),
    -- 128 random bits: the public URL must not be guessable from ids clients see elsewhere.
    public_token             text NOT NULL UNIQUE,
    job_id                   text,                             -- the import job, to notice one that died
    file_name                text,                             -- last part of the public URL, once ready
    content_type             text,                             -- detected from the bytes, of the served file
    file_size_bytes          bigint NOT NULL DEFAULT 0,        -- the served file; the source's until ready
    sha256                   text,                             -- of the served file: its ETag
    width                    integer,
    height                   integer,
    storage_key              text,                             -- the served file
    original_storage_key     text,                             -- the file as fetched (the same key when unchanged)
    original_content_type    text,
    original_file_size_bytes bigint,
    failure_reason           text,
    created_at               timestamptz NOT NULL,
    optimized_at             timestamptz,
    updated_at               timestamptz NOT NULL,
    CHECK ((status = 'ready') = (storage_key IS NOT NULL AND file_name IS NOT NULL)),
    CHECK ((status = 'failed') = (failure_reason IS NOT NULL))
);

CREATE INDEX media_files_organization ON media_files (organization_id, id);
CREATE INDEX media_files_brand ON media_files (brand_id) WHERE brand_id IS NOT NULL;
