-- What a scheduled project shows as its total_recipients until its send is compiled: the audience
-- counted when it was scheduled. Before, each read of a scheduled or starting project counted
-- its lists again (seconds of database time at a million contacts), and a dashboard polls.
ALTER TABLE projects ADD COLUMN scheduled_recipients integer;

-- Event ids are given by the database as each event is written (a broadcast's events are written
-- by the statement that records its hand-offs), and need no index of their own: 128 random bits
-- do not collide, and nothing looks an event up by its id.
ALTER TABLE events ALTER COLUMN event_id SET DEFAULT 'evt_' || replace(CAST(gen_random_uuid() AS text), '-', '');
ALTER TABLE events DROP CONSTRAINT events_event_id_key;

-- A send's audience is written a band of numbers at a time, each band committed on its own, so
-- that its dispatchers start with the first band (sending.Compilation): the end of the last band
-- written, where a compilation cut short goes on. compiled_at still marks the whole audience written.
ALTER TABLE sends ADD COLUMN compiled_through bigint;
UPDATE sends SET compiled_through = 9223372036854775807 WHERE compiled_at IS NOT NULL;
