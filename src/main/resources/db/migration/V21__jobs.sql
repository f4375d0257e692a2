-- Durable background work (platform/jobs), shared by every instance on the database.
-- A job is inserted in the transaction of the change that asks for it, so it exists exactly when
-- that change committed. Workers claim due rows with FOR UPDATE SKIP LOCKED and hold them under a
-- lease (locked_until); a worker that dies lets its lease run out and another instance retries.

CREATE TABLE jobs (
    id           text PRIMARY KEY,                 -- job_<ULID>
    kind         text NOT NULL,                    -- names the handler, such as 'advocacy.deliver'
    payload      text NOT NULL,                    -- the handler's input (JSON by convention), kept verbatim
    state        text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts     integer NOT NULL DEFAULT 0,       -- attempts started; the running one included
    max_attempts integer NOT NULL CHECK (max_attempts > 0),
    run_at       timestamptz NOT NULL,             -- not before: the first run, or the next retry
    locked_by    text,                             -- the worker holding the lease while running
    locked_until timestamptz,                      -- end of that lease; past it another worker may take over
    last_error   text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CHECK ((state = 'running') = (locked_until IS NOT NULL))
);

-- What a poll reads: queued jobs that are due, and running jobs whose lease ran out.
CREATE INDEX jobs_queued ON jobs (run_at) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';
-- What housekeeping deletes.
CREATE INDEX jobs_done ON jobs (finished_at) WHERE state = 'done';
