-- A contact keeps its number as the file wrote it: imports now load each file straight into the
-- list's own table (its staging, until the import commits and attaches it), and the rows not taken
-- leave it for contact_rejects with that text.
ALTER TABLE contacts ADD COLUMN phone_raw text;
