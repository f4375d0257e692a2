-- A contact list's contacts and rejected rows are written by one statement per import, hundreds of
-- thousands at a time, and removed with their list by the feature itself (ContactListStore.delete).
-- Checking the list's existence row by row cost half of an import's merge, so the rows keep the
-- list's key without a foreign key constraint.
ALTER TABLE contacts DROP CONSTRAINT contacts_list_key_fkey;
ALTER TABLE contact_rejects DROP CONSTRAINT contact_rejects_list_key_fkey;
