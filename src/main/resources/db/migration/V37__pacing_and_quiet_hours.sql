-- Pacing (package sending) and sending hours (package orgs).
--
-- An organization's own window for texting recipients, in their local time ('08:00-21:00', or
-- 'none'); null takes the nearest ancestor's, else the server's CIVICAST_QUIET_HOURS.
ALTER TABLE organizations ADD COLUMN quiet_hours text;

-- When a send's remaining messages expire: set when it starts, and again when a new schedule
-- restarts it.
ALTER TABLE sends ADD COLUMN deadline_at timestamptz;

-- Rates shared by every dispatcher on every instance (a campaign's segments per minute, a number's
-- per second), as a generic cell rate: the theoretical time the next segment may go. A dispatcher
-- locks the row, takes what has accrued, and moves the time on.
CREATE TABLE send_rates (
    scope               text PRIMARY KEY,          -- campaign:<id>, number:<id>
    theoretical_arrival timestamptz NOT NULL
);
